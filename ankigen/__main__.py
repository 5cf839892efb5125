from __future__ import annotations

from ankigen.cli import main

raise SystemExit(main())
