#include "src/base/readfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

char *readfile_text(const char *path, size_t max, enum err *e, struct err_msg *msg)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*e = err_set(msg, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, "%s: %s", path,
			strerror(errno));
		return NULL;
	}
	char *buf = xmalloc(max + 1);
	/* one byte more than max: a file that fills it is too long */
	const size_t n = fread(buf, 1, max + 1, f);
	const bool bad = ferror(f);
	fclose(f);
	if (bad || n > max) {
		free(buf);
		*e = bad ? err_set(msg, ERR_IO, "%s: cannot read it", path) :
			err_set(msg, ERR_FORMAT, "%s: longer than %zu bytes", path, max);
		return NULL;
	}
	buf[n] = '\0';
	*e = ERR_OK;
	return buf;
}
