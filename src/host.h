/* This machine and its processes, as the studios that share a project name each
 * other: the project lock (src/project_lock.c) and the autosave files
 * (ui/autosave.c) both say "ttymix PID on HOST", and both must agree on HOST and on
 * whether PID still runs. Any thread: no state. */
#ifndef TTYMIX_HOST_H
#define TTYMIX_HOST_H

#include <stdbool.h>
#include <stddef.h>

/* Longest name host_name gives, with its NUL. */
#define HOST_NAME_SIZE 65

/* This host's name as it goes into a file name and a message: letters, digits and '-',
 * anything else '_' ("localhost" when the system has none). size is at least 2. */
void host_name(char *buf, size_t size);

/* Whether process pid of this host is running: it exists (even under another user)
 * and is not a zombie (a studio killed under tmux can stay one for a while; it writes
 * nothing more and holds no lock). False for a pid no process can have. */
bool host_pid_running(long pid);

#endif
