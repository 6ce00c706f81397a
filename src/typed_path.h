/* Paths as a person types them on the studio's ':' line (:e, :new, :w DIR, :render):
 * "~/" stands for the home folder, and Tab completes a path from the names a folder
 * holds. Pure but for reading folders; any thread.
 *
 * Completion keeps the word as it was typed: "~/mu" offers "~/music/", "../a" offers
 * "../album/", a relative word is looked up from base (the current folder when NULL).
 * A folder's candidate ends in '/', so that the next Tab goes into it. */
#ifndef TTYMIX_TYPED_PATH_H
#define TTYMIX_TYPED_PATH_H

/* word with a leading "~/" (or a lone "~") made $HOME's; a copy otherwise (malloc'd). */
char *typed_path_expand(const char *word);
/* Every entry of the folder that word's part up to its last '/' names (read from base
 * when that part is relative), whose name begins with the rest of word, spelled as
 * word spells its folder, in byte order of the names; found(arg, candidate) for each. Names that
 * begin with '.' are offered only when the typed name does (as a shell does); "." and
 * ".." never. A folder that cannot be read offers nothing. */
void typed_path_complete(const char *word, const char *base,
	void (*found)(void *arg, const char *candidate), void *arg);

#endif
