"""The words that label a question or its answer, in the languages the importer reads.

Authors number their items with the word for "question" in their own language ("### Вопрос 1",
"#### Câu 2 (Phân tích)", "## 질문 3", "### 問題4") and label the two parts of an item the same
way ("**Câu hỏi:** …", "Ответ:", "**Gợi ý trả lời:**", "**정답: 1.**"). The readers of item
numbers, item labels and answer labels share these words so that a language added here is read
by all of them. They are regular-expression fragments (no groups of their own), matched with
``re.IGNORECASE``.
"""

from __future__ import annotations

__all__ = ["ANSWER_WORD", "NUMBER_WORD", "QUESTION_WORD"]

# "Question" as the label of a question's text ("Câu hỏi: …", "Вопрос: …"): English, Spanish,
# Portuguese, German, Italian, Russian, Ukrainian, Vietnamese, Chinese, Japanese, Korean,
# Turkish "Soru", Indonesian "Pertanyaan" and "Soal", Bengali "প্রশ্ন" and Hindi "प्रश्न", Arabic
# "سؤال"/"السؤال" and its one-letter abbreviation "س" (as in "س: …؟", always with its colon or
# number), Persian "سوال"/"پرسش", Greek "Ερώτηση", Thai "คำถาม".
QUESTION_WORD = (
    r"(?:question|pregunta|pergunta|quest\u00e3o|frage|domanda|"
    r"(?:\u0627\u0644)?\u0633\u0624\u0627\u0644|\u0633\u0648\u0627\u0644|\u067e\u0631\u0633\u0634|\u0633(?=\s*[:\d])|"
    r"\u03b5\u03c1\u03ce\u03c4\u03b7\u03c3\u03b7|"
    r"\u0432\u043e\u043f\u0440\u043e\u0441|\u043f\u0438\u0442\u0430\u043d\u043d\u044f|"
    r"c\u00e2u\s+h\u1ecfi|\u95ee\u9898|\u554f\u984c|\u8cea\u554f|\uc9c8\ubb38|\ubb38\uc81c|"
    r"soru|pertanyaan|soal|\u09aa\u09cd\u09b0\u09b6\u09cd\u09a8|\u092a\u094d\u0930\u0936\u094d\u0928|"
    r"\u0e04\u0e33\u0e16\u0e32\u0e21)"
)
# The same word before an item's number ("Вопрос 1", "Câu 1", "문항 2", "問1"): Vietnamese
# numbers items with "Câu" alone, Korean also with "문항", Japanese with "問" alone, Thai with
# "คำถามที่" (question number) or "ข้อ" (item).
NUMBER_WORD = (
    r"(?:\u0e04\u0e33\u0e16\u0e32\u0e21\u0e17\u0e35\u0e48|\u0e02\u0e49\u0e2d|"
    + QUESTION_WORD[3:-1]
    + r"|c\u00e2u|\ubb38\ud56d|\u554f)"
)
# "Answer" as the label of the answer below a question: Russian "Ответ", Ukrainian
# "Відповідь", Vietnamese "Đáp án", "Trả lời", "Câu trả lời", "Gợi ý trả lời" (a suggested
# answer), Korean "정답" (the correct answer), "답변" and "해답" (answer, solution), Japanese
# "回答", "解答", "答え" and "正解"; Turkish "Cevap" and "Yan\u0131t", Indonesian "Jawaban", Bengali
# "উত্তর" and Hindi "उत्तर"; Arabic "جواب", "الإجابة" and the abbreviation "ج" (with its colon),
# Persian "پاسخ", Greek "Απάντηση"; German "Lösung" (solution, a quiz's key and worked answer).
ANSWER_WORD = (
    r"(?:(?:\u0627\u0644)?\u062c\u0648\u0627\u0628|(?:\u0627\u0644)?\u0625\u062c\u0627\u0628\u0629|\u062c(?=\s*(?:\*\*|__)?\s*[:\uff1a])|"
    r"\u067e\u0627\u0633\u062e|\u03b1\u03c0\u03ac\u03bd\u03c4\u03b7\u03c3\u03b7|"
    r"cevap|yan\u0131t|jawaban|\u0989\u09a4\u09cd\u09a4\u09b0|\u0909\u0924\u094d\u0924\u0930|"
    r"\u043e\u0442\u0432\u0435\u0442|\u0432\u0456\u0434\u043f\u043e\u0432\u0456\u0434\u044c|"
    r"\u0111\u00e1p\s+\u00e1n|(?:c\u00e2u\s+|c\u00e1ch\s+|g\u1ee3i\s+\u00fd\s+)?tr\u1ea3\s+l\u1eddi(?:\s+m\u1eabu)?|"
    r"\uc815\ub2f5|\ub2f5\ubcc0|\ud574\ub2f5|\u56de\u7b54|\u89e3\u7b54|\u7b54\u3048|\u6b63\u89e3|"
    r"l(?:\u00f6|oe)sung)"
)
