"""`ankigen import article`: classes found on the session-25 real documents (round 31).

Every document here is written for the test, on other topics than the real pages: a heading
that only numbers a question in Indonesian or Turkish ("### Pertanyaan 2", "**Soru 1: …?**")
with the question under it or after the label; answer labels in Turkish, Indonesian, Bengali
and Hindi; numbered theory sections before a section of labelled questions; numbered topic
headings over bold "Q:" questions whose numbering starts again in a second part; answer lines
that open with an inline ``<ins>`` tag; a footer line that repeats the page's title; numbering
gaps with and without a rejected candidate in them; a line framed by two rules; a short
follow-up question after a bold question; and "Source:" lines that leave the back for the
note's source field.
"""

from __future__ import annotations

from pathlib import Path

from ankigen.render.note import render_note
from ankigen.source.load import load_deck_config, load_note
from ankigen.tools.importers.article import import_article
from tests.article_helpers import article_answers, article_fronts, parse_markdown_article

# --- a label heading in another language over the question ---------------------------------

_LAB_REPORT = """# Laporan Praktikum Jaringan
## Minggu 3

## Bagian 1: Alamat IP

### Pertanyaan 1
Apa perbedaan alamat IPv4 dan IPv6?

**Jawaban:**
IPv4 memakai 32 bit, IPv6 memakai 128 bit.

### Pertanyaan 2
Ubah konfigurasi router agar hanya menerima lalu lintas dari subnet lokal. Jelaskan langkahnya.

**Jawaban:**
Tambahkan daftar akses yang mengizinkan subnet lokal saja.

## Bagian 2: Routing

### Pertanyaan 1
Bagaimana router memilih jalur terbaik? Jelaskan!

**Jawaban:**
Router membandingkan metrik setiap jalur dan memilih yang terkecil.
"""


def test_a_label_heading_in_indonesian_gives_way_to_the_question_under_it() -> None:
    article = parse_markdown_article(_LAB_REPORT)
    assert [question.question for question in article.questions] == [
        "Apa perbedaan alamat IPv4 dan IPv6?",
        "Ubah konfigurasi router agar hanya menerima lalu lintas dari subnet lokal. "
        "Jelaskan langkahnya.",
        "Bagaimana router memilih jalur terbaik? Jelaskan!",
    ]
    # "**Jawaban:**" only labels the answer: it leaves the back.
    assert article.questions[0].answer == "IPv4 memakai 32 bit, IPv6 memakai 128 bit."
    assert not any("Jawaban" in question.answer for question in article.questions)


def test_a_heading_that_names_a_topic_is_no_label_heading() -> None:
    # "### Pertanyaan umum" (general questions) names a section: the line under it is text.
    text = _LAB_REPORT.replace("### Pertanyaan 2\n", "### Pertanyaan umum\n")
    article = parse_markdown_article(text)
    fronts = [question.question for question in article.questions]
    assert not any(front.startswith("Ubah konfigurasi") for front in fronts)
    assert article.questions[fronts.index("Pertanyaan umum")].answer.startswith("Ubah konfigurasi")


# --- "Soru N:" lines after numbered theory sections -----------------------------------------

_TURKISH_PAGE = """# Python: Sözlükler

Bu modülde sözlük yap\u0131s\u0131n\u0131 inceleyeceğiz.

## Teorik Bilgi

### 1. Anahtarlar
- Anahtarlar değiştirilemez tiplerdir.

### 2. Değerler
- Değerler her tipte olabilir.

## Mülakat Sorular\u0131

**Soru 1: Bir listeyi sözlük anahtar\u0131 yapabilir miyiz?**
**Cevap:** Hay\u0131r, çünkü liste değiştirilebilir ve hash değeri yoktur.

**Soru 2: Sözlükte arama neden h\u0131zl\u0131d\u0131r?**
**Cevap:** Anahtar\u0131n hash değeri doğrudan kovay\u0131 gösterir.

## Örnek Senaryo
Bir önbellek için sözlük kullanacağ\u0131z.
"""


def test_labelled_questions_win_over_numbered_sections_that_ask_nothing() -> None:
    article = parse_markdown_article(_TURKISH_PAGE)
    assert [question.question for question in article.questions] == [
        "Bir listeyi sözlük anahtar\u0131 yapabilir miyiz?",
        "Sözlükte arama neden h\u0131zl\u0131d\u0131r?",
    ]
    assert article.questions[0].answer.startswith("Hay\u0131r, çünkü")
    assert not any("Cevap" in question.answer for question in article.questions)
    assert "Bir önbellek" not in article.questions[-1].answer
    assert not any("duplicate of question" in warning for warning in article.warnings)


def test_numbered_sections_that_ask_stay_questions_beside_labelled_ones() -> None:
    # Sections that ask are questions of their own: the labelled lines do not push them out.
    text = _TURKISH_PAGE.replace("### 1. Anahtarlar", "### 1. Anahtar nedir?").replace(
        "### 2. Değerler", "### 2. Değer nedir?"
    )
    fronts = article_fronts(text)
    assert "Anahtar nedir?" in fronts and "Değer nedir?" in fronts


# --- answer labels in Bengali and Hindi ------------------------------------------------------

_BENGALI_PAGE = """# Git প্রশ্ন ও উত্তর

### ১. Branch কি?
**উত্তর:** কাজের একটা আলাদা ধারা।

---

### २. Merge কি?
**उत्तर:** দুটো branch একসাথে করা।
"""


def test_bengali_and_hindi_answer_labels_leave_the_back() -> None:
    assert article_answers(_BENGALI_PAGE) == ["কাজের একটা আলাদা ধারা।", "দুটো branch একসাথে করা।"]


# --- numbered topic headings over bold "Q:" questions, numbered again in a second part -------

_TWO_PARTS = """# Caching notes

### **1. Basics**
**Q: What is a cache hit?**
- The data was found in the cache.

### **2. Terms**
- **TTL:** how long an entry lives.
- **Eviction:** removing an entry.

**Q: What is write-through?**
- Writes go to the cache and the store together.

## Part two: distributed caches

### **1. Core ideas**
- **Shard:** one slice of the keys.

**Q: Why shard a cache?**
- To spread memory and load over machines.

**Q: What is a hot key?**
- A key read far more than the others.

### **2. Failure modes**
**Q: What is a cache stampede?**
- Many misses rebuild the same entry at once.
"""


def test_restarted_topic_headings_neither_become_notes_nor_end_answers_wrongly() -> None:
    article = parse_markdown_article(_TWO_PARTS)
    assert [question.question for question in article.questions] == [
        "What is a cache hit?",
        "What is write-through?",
        "Why shard a cache?",
        "What is a hot key?",
        "What is a cache stampede?",
    ]
    # The heading of the next section is no part of the answer above it.
    assert "Failure modes" not in article.questions[3].answer
    assert "Core ideas" not in article.questions[1].answer


def test_a_topic_heading_with_its_own_answer_and_no_question_under_it_stays_a_note() -> None:
    # "### 3. Warm-up" holds text but no "Q:" line: nothing marks it as a mere section.
    text = _TWO_PARTS + "\n### 3. Warm-up\nLoad the hot keys before traffic arrives.\n"
    assert "Warm-up" in article_fronts(text)


# --- answer lines that open with an inline <ins> tag -----------------------------------------

_INSERTED = """# Storage questions

## 1) What is a heap table?
A table whose rows are stored in no order.

## 2) Views vs tables
<ins>A view</ins> stores a query, not rows.\x20\x20
<ins>A table</ins> stores the rows themselves.

## 3) What is a page?
The unit the engine reads from disk.
"""


def test_an_answer_line_opening_with_an_ins_tag_is_kept() -> None:
    answers = article_answers(_INSERTED)
    assert answers[1] == "A view stores a query, not rows.\\\nA table stores the rows themselves."


def test_an_ad_unit_ins_block_is_still_dropped() -> None:
    ad = '<ins class="adsbygoogle" style="display:block" data-ad-slot="42"></ins>'
    text = _INSERTED.replace("A table whose rows", ad + "\n\nA table whose rows")
    assert "adsbygoogle" not in article_answers(text)[0]
    assert article_answers(text)[0] == "A table whose rows are stored in no order."


# --- a footer that repeats the page's title ---------------------------------------------------

_FOOTER = """# Lab Report - Week 5

## 1. What does a pull-up resistor do?

It holds the input high while the switch is open.

## 2. Why debounce a button?

A pressed contact bounces for a few milliseconds.
---
Lab Reprot - Week 5
"""


def test_a_footer_repeating_the_title_leaves_the_last_answer() -> None:
    article = parse_markdown_article(_FOOTER)
    assert article.questions[-1].answer == "A pressed contact bounces for a few milliseconds."
    assert any("Lab Reprot - Week 5" in warning for warning in article.warnings)


def test_a_last_line_that_only_shares_words_with_the_title_stays() -> None:
    text = _FOOTER.replace("Lab Reprot - Week 5", "Week 5 taught us to read the datasheet first.")
    assert article_answers(text)[-1].endswith("Week 5 taught us to read the datasheet first.")


# --- numbering gaps: the document's own, or the importer's loss ------------------------------

_SKIPPED = """# Queue questions

## 1. What is a queue?
A first-in, first-out buffer.

## 2. What is a dead-letter queue?
Where messages go after failing too often.

## 4. What is back-pressure?
A consumer slowing its producer down.
"""


def test_a_number_the_document_skips_is_a_summary_line_not_a_warning() -> None:
    article = parse_markdown_article(_SKIPPED)
    assert not any("numbering jumps" in warning for warning in article.warnings)
    assert article.skipped_numbers == (
        "line 9: the numbering jumps from 2 to 4: the document skips 3 "
        "(nothing question-like between)",
    )


def test_a_gap_with_a_rejected_candidate_in_it_is_still_a_warning() -> None:
    # "**Is a queue ordered?**" between 2 and 4 is rejected (kept in question 2's answer): a
    # question 3 may have been lost, so the gap is reported as a warning.
    text = _SKIPPED.replace(
        "Where messages go after failing too often.\n",
        "Where messages go after failing too often.\n\n**Is a queue ordered?**\n\nUsually.\n",
    )
    article = parse_markdown_article(text)
    assert any("no question 3 was found" in warning for warning in article.warnings)
    assert article.skipped_numbers == ()


# --- a line framed by two rules after an answer -----------------------------------------------

_FRAMED = """# Sorting puzzles

#### How many comparisons does merge sort make on 8 items at most?

At most 17: each of the 3 levels merges with fewer than 8 comparisons.

---------------------
!! move the next ones up into the list above !!
---------------------

#### 1. Why is quicksort fast in practice?

Its inner loop is short and touches memory in order.
"""


def test_a_line_framed_by_two_rules_after_an_answer_leaves_it() -> None:
    article = parse_markdown_article(_FRAMED)
    assert article.questions[0].answer == (
        "At most 17: each of the 3 levels merges with fewer than 8 comparisons."
    )
    assert any("move the next ones up" in warning for warning in article.warnings)


def test_a_framed_line_inside_an_answer_stays() -> None:
    # Text after the second rule: the framed line is part of the answer's layout.
    text = _FRAMED.replace(
        "---------------------\n\n####", "---------------------\nThat bound is tight.\n\n####"
    )
    assert "move the next ones up" in article_answers(text)[0]


# --- a bold question followed by a short question on the same line ----------------------------

_FOLLOW_UPS = """# Web questions

## Browser
1. **What is CORS?** How is it fixed?
2. **What is a cookie?** (Asked in every interview.)
3. **What does HTTPS add?** Encryption of the whole exchange, and proof of the server's identity.
"""


def test_a_short_question_after_a_bold_question_joins_its_front() -> None:
    article = parse_markdown_article(_FOLLOW_UPS)
    fronts = [question.question for question in article.questions]
    assert fronts[0] == "What is CORS? How is it fixed?"
    # A remark in brackets and an answer that states are no follow-ups: they stay backs.
    assert fronts[1:] == ["What is a cookie?", "What does HTTPS add?"]
    assert article.questions[2].answer.startswith("Encryption of the whole exchange")


# --- the sources an answer names at its end go to the note's source field --------------------

_CITED = """# Protocols

## 1. What is TCP?

A reliable, ordered byte stream.

Source: https://example.org/tcp

## 2. What is UDP?

Datagrams with no delivery promise.

**Fuentes:** [RFC 768](https://example.org/rfc768), [Notes](https://example.org/udp)

## 3. What is QUIC?

Streams over UDP with TLS built in.

Source: the author's lecture notes.
"""


def test_source_lines_leave_the_back_for_the_source_field() -> None:
    article = parse_markdown_article(_CITED)
    tcp, udp, quic = article.questions
    assert tcp.answer == "A reliable, ordered byte stream."
    assert tcp.see == ("https://example.org/tcp",)
    assert udp.answer == "Datagrams with no delivery promise."
    assert udp.see == ("https://example.org/rfc768", "https://example.org/udp")
    # A source named in words, with no link, is text the author wrote: it stays.
    assert quic.answer.endswith("Source: the author's lecture notes.")
    assert quic.see == ()


def test_a_source_word_inside_an_answer_is_no_source_line() -> None:
    text = _CITED.replace(
        "A reliable, ordered byte stream.",
        "A reliable, ordered byte stream.\n\nSource: https://example.org/tcp is where it began, "
        "and more follows.",
    ).replace("\nSource: https://example.org/tcp\n\n## 2", "\n## 2")
    article = parse_markdown_article(text)
    assert article.questions[0].see == ()
    assert "is where it began" in article.questions[0].answer


def test_the_written_note_cites_the_pages_and_builds(tmp_path: Path) -> None:
    article_file = tmp_path / "protocols.md"
    article_file.write_text(_CITED, encoding="utf-8")
    deck = tmp_path / "content" / "protocols"
    import_article(article_file, deck, False)
    note_path = deck / "what-is-udp.md"
    text = note_path.read_text("utf-8")
    assert (
        'source: {doc: protocols, question: 2, see: ["https://example.org/rfc768", '
        '"https://example.org/udp"]}'
    ) in text
    assert "Fuentes" not in text
    note, problems = load_note(note_path)
    config, _ = load_deck_config(deck)
    assert note is not None and config is not None, problems
    rendered, _ = render_note(note, config)
    assert rendered is not None
    assert rendered.fields[2].endswith(
        ' · question 2 · see <a href="https://example.org/rfc768">example.org</a>'
        ' · see <a href="https://example.org/udp">example.org</a>'
    )


# --- an asking sub-heading about another subject, deep inside an answer ---------------------

_DEEP = """# Network questions

#### What is TCP (transmission control protocol)?

A connection-oriented transport protocol.

###### Handshake
Three segments open a connection.

###### Flow control
A window limits the bytes in flight.

###### How does QUIC differ ?
QUIC runs over UDP and builds encryption into the handshake.

#### What is a socket?

An endpoint of a connection.
"""


def test_an_asking_sub_heading_about_another_acronym_is_a_question_of_its_own() -> None:
    article = parse_markdown_article(_DEEP)
    fronts = [question.question for question in article.questions]
    assert fronts == [
        "What is TCP (transmission control protocol)?",
        "How does QUIC differ ?",
        "What is a socket?",
    ]
    assert "QUIC" not in article.questions[0].answer


def test_an_asking_sub_heading_about_the_same_subject_stays_part_of_the_answer() -> None:
    # "Why does TCP …?" names the question's own subject, and "What happens on loss?" none.
    for sub in ("Why does TCP retransmit ?", "What happens on loss ?"):
        text = _DEEP.replace("How does QUIC differ ?", sub)
        assert article_fronts(text) == [
            "What is TCP (transmission control protocol)?",
            "What is a socket?",
        ]
