# Teaching: explanations (ttymix help, docs/explain.md), the lessons and their checks
# (fail as shipped, pass when solved), and a lesson followed in the studio by keys.
TESTS += tests/explain.sh tests/lessons/lessons.sh tests/ui_lesson.sh
EXTRA_DIST += tests/explain.sh tests/lessons/lessons.sh tests/lessons/solve.py \
	tests/ui_lesson.sh
