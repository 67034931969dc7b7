"""The touring planner: geography (:mod:`.geo`), the county registry (:mod:`.registry`), the
solver (:mod:`.solver`, OR-Tools) with its independent checker, and the server-side map
(:mod:`.mapsvg`). Nothing here writes to the database: :mod:`tongwen.programs.services.tours`
turns a plan into stops."""
