/* The glossary: the words of loudness, level and mixing that the meters, the mastering
 * page and the lessons use (LUFS, dBTP, crest factor, pan law ...), each explained in
 * plain words with a number to remember. `ttymix help TERM`, `ttymix help --all` (and so
 * docs/explain.md) read this one table (src/glossary.c).
 *
 * Any thread: the table is constant; returned text is the caller's. */
#ifndef TTYMIX_GLOSSARY_H
#define TTYMIX_GLOSSARY_H

struct glossary_term {
	const char *name;       /* as printed: "true peak" */
	const char *aliases;    /* other spellings, '|' between them: "tp|intersample peak" */
	const char *means;      /* what it is */
	const char *remember;   /* the number to remember */
	const char *in_ttymix;  /* where ttymix shows or uses it */
};

extern const struct glossary_term glossary_table[];
extern const int glossary_count;

/* The term called word: its name or an alias, case-insensitive, with spaces, '-' and
 * '_' ignored ("Pan-Law" finds "pan law"). NULL when there is none. */
const struct glossary_term *glossary_find(const char *word);

/* A term's whole entry: a title line, then its paragraphs, lines ending in '\n'.
 * pan_law_db: the project's pan law when one is known (it is then named in the "pan
 * law" entry), NAN otherwise. Caller frees. */
char *glossary_format(const struct glossary_term *t, double pan_law_db);

/* How a pan law sounds in words: "-3 dB at centre (constant power)", or "-4.5 dB at
 * centre (between constant power and constant voltage)". Caller frees. */
char *glossary_pan_law_words(double pan_law_db);

/* Every term, in table order, as `ttymix help --all` ends. Caller frees. */
char *glossary_all(void);

#endif
