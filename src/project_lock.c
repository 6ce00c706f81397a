/* The project folder's lock (see project_lock.h). */
#include "src/project_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/host.h"
#include "src/paths.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"

/* Who wrote a lock file: the line "PID HOST USER". */
struct owner {
	long pid;
	char host[HOST_NAME_SIZE];
	char user[65];
};

void project_lock_init(struct project_lock *l)
{
	l->fd = -1;
	l->holder[0] = '\0';
}

bool project_lock_held(const struct project_lock *l)
{
	return l->fd >= 0;
}

/* Words as read from a file anyone in the group may write: printable, no spaces. */
static void clean_word(char *s)
{
	for (; *s; s++)
		if (*s <= ' ' || *s > '~')
			*s = '?';
}

static bool read_owner(int fd, struct owner *o)
{
	char buf[256];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	o->host[0] = o->user[0] = '\0';
	if (sscanf(buf, "%ld %64s %64s", &o->pid, o->host, o->user) < 2 || o->pid <= 0)
		return false;
	clean_word(o->host);
	clean_word(o->user);
	if (!o->user[0])
		snprintf(o->user, sizeof o->user, "?");
	return true;
}

static bool same_host(const struct owner *o)
{
	char host[HOST_NAME_SIZE];
	host_name(host, sizeof host);
	return !strcmp(o->host, host);
}

static bool owner_dead_here(const struct owner *o)
{
	return same_host(o) && o->pid != (long)getpid() && !host_pid_running(o->pid);
}

static void write_owner(int fd)
{
	char host[HOST_NAME_SIZE];
	host_name(host, sizeof host);
	const struct passwd *pw = getpwuid(geteuid());
	const char *user = pw ? pw->pw_name : getenv("USER");
	char line[256];
	int n = snprintf(line, sizeof line, "%ld %s %s\n", (long)getpid(), host,
		user && *user ? user : "?");
	if (ftruncate(fd, 0) == 0)
		(void)!pwrite(fd, line, (size_t)n, 0);
}

enum project_lock_state project_lock_take(struct project_lock *l, const char *dir,
	struct err_msg *note)
{
	if (note)
		note->text[0] = '\0';
	l->holder[0] = '\0';
	char *lock_dir = xasprintf("%s/.ttymix", dir);
	char *path = xasprintf("%s/%s", dir, PROJECT_LOCK_FILE);
	enum project_lock_state state = PROJECT_LOCK_NONE;
	if (paths_mkdirs(lock_dir, note) != ERR_OK)
		goto out;
	for (int attempt = 0; attempt < 2; attempt++) {
		/* O_NOFOLLOW: a symlink planted at the name is refused, never written
		 * through; O_NONBLOCK: nor does a FIFO there hang the open */
		int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
			safefile_mode_for_dir(lock_dir));
		struct stat st;
		if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			err_set(note, ERR_IO, "%s: cannot lock the project: %s", path,
				fd < 0 ? strerror(errno) : "not a regular file");
			if (fd >= 0)
				close(fd);
			break;
		}
		/* a shared project stays shared: open's mode went through the umask */
		struct stat dst;
		if (st.st_uid == geteuid() && stat(lock_dir, &dst) == 0) {
			if (st.st_gid != dst.st_gid)
				(void)!fchown(fd, (uid_t)-1, dst.st_gid);
			fchmod(fd, safefile_mode_for_dir(lock_dir));
		}
		struct owner o;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			/* a clean exit empties the file: a name left in it is a studio that died
			 * (or a copied folder: a live process named here holds no lock on it) */
			if (read_owner(fd, &o) && o.pid != (long)getpid()) {
				if (!same_host(&o))
					err_set(note, ERR_OK, "took over the lock of ttymix %ld on %s (%s), "
						"which no longer holds it", o.pid, o.host, o.user);
				else if (owner_dead_here(&o))
					err_set(note, ERR_OK, "took over the lock of ttymix %ld on %s (%s), "
						"which is no longer running", o.pid, o.host, o.user);
			}
			write_owner(fd);
			l->fd = fd;
			state = PROJECT_LOCK_HELD;
			break;
		}
		int saved = errno;
		if (saved != EWOULDBLOCK && saved != EINTR) {
			err_set(note, ERR_IO, "%s: cannot lock the project: %s", path, strerror(saved));
			close(fd);
			break;
		}
		bool named = read_owner(fd, &o);
		close(fd);
		if (named && owner_dead_here(&o) && attempt == 0) {
			/* the lock outlived its studio (an inherited descriptor): a new file
			 * under the name; the old one keeps the orphaned lock to itself */
			unlink(path);
			err_set(note, ERR_OK, "took over the lock of ttymix %ld on %s (%s), which "
				"is no longer running", o.pid, o.host, o.user);
			continue;
		}
		if (named)
			snprintf(l->holder, sizeof l->holder, "ttymix %ld on %s (%s)", o.pid, o.host,
				o.user);
		else
			snprintf(l->holder, sizeof l->holder, "another ttymix");
		state = PROJECT_LOCK_BUSY;
		break;
	}
out:
	free(lock_dir);
	free(path);
	return state;
}

void project_lock_release(struct project_lock *l)
{
	if (l->fd < 0)
		return;
	(void)!ftruncate(l->fd, 0); /* an empty file: nobody to name as dead */
	flock(l->fd, LOCK_UN);
	close(l->fd);
	l->fd = -1;
}
