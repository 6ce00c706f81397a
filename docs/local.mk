dist_doc_DATA += docs/architecture.md docs/project-format.md docs/dsp.md docs/explain.md docs/lessons.md
