/* Where the stream listens: loopback TCP by default (port 8757, or the next free one
 * up to 8799, for a server where every student runs a studio), an address and port
 * given with --listen, or a UNIX socket in a 0700 folder of the user's own, which
 * only the user can reach and OpenSSH forwards. We bind the socket ourselves and hand
 * it to the server, so that a taken port gets our own clear line. */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "src/stream/stream_priv.h"

/* "[ADDR:]PORT" into host (may stay empty) and port; false when malformed. IPv6
 * addresses come in brackets: [::1]:8757. */
static bool split_host_port(const char *spec, char *host, size_t size, long *port)
{
	const char *colon = NULL;
	host[0] = '\0';
	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');
		if (!close || close[1] != ':' || (size_t)(close - spec - 1) >= size)
			return false;
		memcpy(host, spec + 1, (size_t)(close - spec - 1));
		host[close - spec - 1] = '\0';
		colon = close + 1;
	} else if ((colon = strrchr(spec, ':')) != NULL) {
		if ((size_t)(colon - spec) >= size || memchr(spec, ':', (size_t)(colon - spec)))
			return false; /* a bare IPv6 address: brackets needed */
		memcpy(host, spec, (size_t)(colon - spec));
		host[colon - spec] = '\0';
	}
	const char *digits = colon ? colon + 1 : spec;
	char *end;
	errno = 0;
	*port = strtol(digits, &end, 10);
	return *digits && !*end && !errno && *port >= 0 && *port <= 65535
		&& (!colon || host[0]);
}

/* Bind and listen on host:port; the socket, or -1 with errno. */
static int bind_tcp(const struct addrinfo *ai, int port)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
		return -1;
	int one = 1;
	/* a port in TIME_WAIT from our last run is ours to take again */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_storage sa;
	memcpy(&sa, ai->ai_addr, ai->ai_addrlen);
	if (ai->ai_family == AF_INET6)
		((struct sockaddr_in6 *)&sa)->sin6_port = htons((uint16_t)port);
	else
		((struct sockaddr_in *)&sa)->sin_port = htons((uint16_t)port);
	if (bind(fd, (struct sockaddr *)&sa, ai->ai_addrlen) != 0 || listen(fd, 16) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static int bound_port(int fd)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof sa;
	if (getsockname(fd, (struct sockaddr *)&sa, &len) != 0)
		return -1;
	if (sa.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&sa)->sin6_port);
	return ntohs(((struct sockaddr_in *)&sa)->sin_port);
}

static enum err open_tcp(struct stream *s, const char *spec, struct err_msg *msg)
{
	char host[256];
	long port = STREAM_DEFAULT_PORT;
	bool scan = spec == NULL;
	if (spec && !split_host_port(spec, host, sizeof host, &port))
		return err_set(msg, ERR_USAGE, "--listen takes [ADDR:]PORT or unix:[PATH], not "
			"\"%s\"", spec);
	if (!spec || !host[0])
		snprintf(host, sizeof host, "127.0.0.1");
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
		.ai_flags = AI_PASSIVE }, *ai = NULL;
	int gai = getaddrinfo(host, NULL, &hints, &ai);
	if (gai != 0)
		return err_set(msg, ERR_USAGE, "--listen: %s: %s", host, gai_strerror(gai));
	int fd = -1, last = scan ? STREAM_LAST_PORT : (int)port;
	int e = 0;
	for (int p = (int)port; p <= last && fd < 0; p++) {
		fd = bind_tcp(ai, p);
		e = errno;
		if (fd < 0 && e != EADDRINUSE)
			break;
	}
	freeaddrinfo(ai);
	if (fd < 0 && scan && e == EADDRINUSE)
		return err_set(msg, ERR_DEVICE, "stream: ports %d to %d on %s are all taken "
			"(--listen PORT or --listen unix: for another)", STREAM_DEFAULT_PORT,
			STREAM_LAST_PORT, host);
	if (fd < 0)
		return err_set(msg, ERR_DEVICE, "stream: cannot listen on %s:%ld: %s%s", host, port,
			strerror(e), e == EADDRINUSE ? " (another program has it; --listen PORT "
			"for another)" : "");
	s->listen_fd = fd;
	s->is_unix = false;
	const int got = bound_port(fd);
	/* a wildcard address is not one to open: name this machine instead */
	char shown[300];
	if (!strcmp(host, "0.0.0.0") || !strcmp(host, "::")) {
		char name[256] = "localhost";
		gethostname(name, sizeof name - 1);
		snprintf(shown, sizeof shown, "%s", name);
	} else {
		snprintf(shown, sizeof shown, strchr(host, ':') ? "[%s]" : "%s", host);
	}
	snprintf(s->base_url, sizeof s->base_url, "http://%s:%d/", shown, got);
	snprintf(s->url, sizeof s->url, "%s?key=%s", s->base_url, s->key);
	return ERR_OK;
}

/* The folder for the socket: made 0700 when missing; an existing one must be ours and
 * closed to others, or the socket in it is not private. */
static enum err private_dir(const char *dir, struct err_msg *msg)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return err_set(msg, ERR_DEVICE, "stream: cannot make %s: %s", dir, strerror(errno));
	struct stat st;
	if (lstat(dir, &st) != 0)
		return err_set(msg, ERR_DEVICE, "stream: %s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid())
		return err_set(msg, ERR_DEVICE, "stream: %s is not a folder of yours", dir);
	if ((st.st_mode & 077) && chmod(dir, 0700) != 0)
		return err_set(msg, ERR_DEVICE, "stream: %s is open to others and cannot be "
			"closed: %s", dir, strerror(errno));
	return ERR_OK;
}

static enum err open_unix(struct stream *s, const char *path, struct err_msg *msg)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char dir[200];
	int n;
	if (!*path) {
		const char *run = getenv("XDG_RUNTIME_DIR");
		if (run && *run)
			n = snprintf(dir, sizeof dir, "%s/ttymix", run);
		else
			n = snprintf(dir, sizeof dir, "/tmp/ttymix-%u", (unsigned)getuid());
		/* every length is checked before anything is made or changed on disk */
		if (n < 0 || (size_t)n >= sizeof dir
			|| (size_t)n + sizeof "/stream.sock" > sizeof sa.sun_path)
			return err_set(msg, ERR_USAGE, "--listen unix: XDG_RUNTIME_DIR is too long for "
				"a socket's path; give one with --listen unix:PATH");
		enum err rc = private_dir(dir, msg);
		if (rc != ERR_OK)
			return rc;
		snprintf(s->unix_path, sizeof s->unix_path, "%s/stream.sock", dir);
	} else {
		n = snprintf(s->unix_path, sizeof s->unix_path, "%s", path);
		if (n < 0 || (size_t)n >= sizeof s->unix_path || (size_t)n >= sizeof sa.sun_path)
			return err_set(msg, ERR_USAGE, "--listen: the socket path is too long: %s",
				path);
	}
	strcpy(sa.sun_path, s->unix_path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return err_set(msg, ERR_DEVICE, "stream: %s", strerror(errno));
	/* a socket left by a studio that died answers no one: take its place */
	struct stat st;
	if (lstat(s->unix_path, &st) == 0 && S_ISSOCK(st.st_mode)) {
		int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		/* only a refusal proves no one listens; anything else, leave it be */
		bool alive = probe < 0 || connect(probe, (struct sockaddr *)&sa, sizeof sa) == 0
			|| errno != ECONNREFUSED;
		if (probe >= 0)
			close(probe);
		if (alive) {
			close(fd);
			return err_set(msg, ERR_DEVICE, "stream: %s is in use, or cannot be checked "
				"(--listen unix:PATH for another)", s->unix_path);
		}
		unlink(s->unix_path);
	}
	/* the default folder is 0700: nobody else can reach the socket in it, even in the
	 * moment before the chmod. A path of the user's own may be in a shared folder:
	 * there the socket is made closed (umask is the process's, briefly) */
	mode_t old = 0;
	if (*path)
		old = umask(077);
	int rc = bind(fd, (struct sockaddr *)&sa, sizeof sa);
	if (*path)
		umask(old);
	if (rc != 0 || chmod(s->unix_path, 0600) != 0 || listen(fd, 16) != 0) {
		int e = errno;
		close(fd);
		return err_set(msg, ERR_DEVICE, "stream: cannot listen on %s: %s", s->unix_path,
			strerror(e));
	}
	s->listen_fd = fd;
	s->is_unix = true;
	snprintf(s->base_url, sizeof s->base_url, "unix:%s", s->unix_path);
	snprintf(s->url, sizeof s->url, "%s", s->unix_path);
	return ERR_OK;
}

enum err stream_listen_open(struct stream *s, const char *spec, struct err_msg *msg)
{
	s->listen_fd = -1;
	if (spec && !strncmp(spec, "unix:", 5))
		return open_unix(s, spec + 5, msg);
	return open_tcp(s, spec, msg);
}

void stream_listen_close(struct stream *s)
{
	if (s->listen_fd >= 0)
		close(s->listen_fd);
	s->listen_fd = -1;
	if (s->is_unix)
		unlink(s->unix_path);
}
