/* project_lock: one holder at a time, a second one is told who holds it, a dead
 * studio's lock is taken over with a note, a planted symlink is never followed.
 * project_save_copy (Save As): the copy holds the media (hard-linked), names files
 * outside the folder absolutely, loads, and refuses a folder that is not a project. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "src/host.h"
#include "src/project_saveas.h"
#include "src/project_lock.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void one_holder(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project_lock a, b;
	project_lock_init(&a);
	project_lock_init(&b);
	struct err_msg note;
	assert_int_equal(project_lock_take(&a, dir, &note), PROJECT_LOCK_HELD);
	assert_string_equal(note.text, "");
	assert_true(project_lock_held(&a));
	/* the file names the holder */
	char *path = xasprintf("%s/%s", dir, PROJECT_LOCK_FILE);
	char *text = tu_slurp(path);
	char want[64];
	snprintf(want, sizeof want, "%ld ", (long)getpid());
	assert_non_null(text);
	assert_memory_equal(text, want, strlen(want));
	free(text);
	/* a second taker (its own open file: flock conflicts as between processes) */
	assert_int_equal(project_lock_take(&b, dir, &note), PROJECT_LOCK_BUSY);
	assert_false(project_lock_held(&b));
	snprintf(want, sizeof want, "ttymix %ld on ", (long)getpid());
	assert_non_null(strstr(b.holder, want));
	/* released: the next one takes it without a word about a dead studio */
	project_lock_release(&a);
	assert_false(project_lock_held(&a));
	assert_int_equal(project_lock_take(&b, dir, &note), PROJECT_LOCK_HELD);
	assert_string_equal(note.text, "");
	project_lock_release(&b);
	free(path);
	tu_rmtree(dir);
	free(dir);
}

static void stale_taken_over(void **state)
{
	(void)state;
	char host[65];
	assert_int_equal(gethostname(host, sizeof host), 0);
	host[64] = '\0';
	char *dir = tu_tempdir();
	char *sub = xasprintf("%s/.ttymix", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	char *path = xasprintf("%s/%s", dir, PROJECT_LOCK_FILE);
	/* a studio killed with -9: its line stays, its flock went with it */
	char *line = xasprintf("2147483646 %s someone\n", host);
	put(path, line);
	struct project_lock l;
	project_lock_init(&l);
	struct err_msg note;
	assert_int_equal(project_lock_take(&l, dir, &note), PROJECT_LOCK_HELD);
	assert_non_null(strstr(note.text, "took over the lock of ttymix 2147483646 on "));
	assert_non_null(strstr(note.text, "(someone), which is no longer running"));
	project_lock_release(&l);

	/* the same, with the flock still held through a descriptor the dead studio left
	 * to a child: a new lock file is made */
	put(path, line);
	int orphan = open(path, O_RDONLY);
	assert_true(orphan >= 0);
	assert_int_equal(flock(orphan, LOCK_EX), 0);
	assert_int_equal(project_lock_take(&l, dir, &note), PROJECT_LOCK_HELD);
	assert_non_null(strstr(note.text, "took over the lock of ttymix 2147483646"));
	project_lock_release(&l);
	close(orphan);

	/* a copied folder: the line names a live process that holds no lock on this
	 * file; taken without a word about a dead studio */
	char *alive = xasprintf("%ld %s someone\n", (long)getppid(), host);
	put(path, alive);
	assert_int_equal(project_lock_take(&l, dir, &note), PROJECT_LOCK_HELD);
	assert_string_equal(note.text, "");
	project_lock_release(&l);
	free(alive);

	/* a live holder on another host is never taken over */
	put(path, "1 elsewhere.example someone\n");
	orphan = open(path, O_RDONLY);
	assert_int_equal(flock(orphan, LOCK_EX), 0);
	assert_int_equal(project_lock_take(&l, dir, &note), PROJECT_LOCK_BUSY);
	assert_string_equal(l.holder, "ttymix 1 on elsewhere.example (someone)");
	close(orphan);
	free(line);
	free(path);
	free(sub);
	tu_rmtree(dir);
	free(dir);
}

static void symlink_not_followed(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *sub = xasprintf("%s/.ttymix", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	char *victim = xasprintf("%s/victim", dir);
	put(victim, "private\n");
	assert_int_equal(chmod(victim, 0600), 0);
	char *path = xasprintf("%s/%s", dir, PROJECT_LOCK_FILE);
	assert_int_equal(symlink(victim, path), 0);
	struct project_lock l;
	project_lock_init(&l);
	struct err_msg note;
	assert_int_equal(project_lock_take(&l, dir, &note), PROJECT_LOCK_NONE);
	assert_non_null(strstr(note.text, "cannot lock the project"));
	char *text = tu_slurp(victim);
	assert_string_equal(text, "private\n");
	struct stat st;
	assert_int_equal(stat(victim, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	free(text);
	free(path);
	free(victim);
	free(sub);
	tu_rmtree(dir);
	free(dir);
}

static void save_copy(void **state)
{
	(void)state;
	char *root = tu_tempdir();
	char *from = xasprintf("%s/song", root);
	char *audio = xasprintf("%s/audio", from);
	assert_int_equal(mkdir(from, 0755), 0);
	assert_int_equal(mkdir(audio, 0755), 0);
	char *a = xasprintf("%s/a.wav", audio);
	char *spare = xasprintf("%s/spare.wav", audio);
	char *outside = xasprintf("%s/outside.wav", root);
	double dc = 0.25;
	tu_write_wav(a, 48000, 1, 4800, tu_gen_dc, &dc);
	tu_write_wav(spare, 48000, 1, 480, tu_gen_dc, &dc);
	tu_write_wav(outside, 48000, 1, 4800, tu_gen_dc, &dc);
	char why[256];
	struct project *p = tu_load_text(from, "{\"format\":\"ttymix-project\",\"version\":1,"
		"\"sample_rate\":48000,\"tracks\":[{\"name\":\"a\",\"clips\":["
		"{\"file\":\"audio/a.wav\",\"start\":0},"
		"{\"file\":\"../outside.wav\",\"start\":1}]}]}", why, sizeof why);
	assert_non_null(p);

	/* a folder with something else in it is refused, untouched */
	char *other = xasprintf("%s/other", root);
	assert_int_equal(mkdir(other, 0755), 0);
	char *note_path = xasprintf("%s/notes.txt", other);
	put(note_path, "mine\n");
	struct project_lock lock;
	project_lock_init(&lock);
	struct err_msg msg;
	assert_int_equal(project_save_copy(p, other, PROJECT_MEDIA_COPY, 
		&lock, NULL, &msg), ERR_USAGE);
	assert_non_null(strstr(msg.text, "not a ttymix project"));
	assert_false(project_lock_held(&lock));
	char *pj_other = xasprintf("%s/project.json", other);
	assert_int_equal(access(pj_other, F_OK), -1);

	/* nor a folder inside the project (it would copy itself) */
	char *inside = xasprintf("%s/audio/copy", from);
	assert_int_equal(project_save_copy(p, inside, PROJECT_MEDIA_COPY, 
		&lock, NULL, &msg), ERR_USAGE);
	assert_non_null(strstr(msg.text, "inside the project folder"));
	assert_int_equal(access(inside, F_OK), -1);
	free(inside);

	char *to = xasprintf("%s/copy/deep", root);
	assert_int_equal(project_save_copy(p, to, PROJECT_MEDIA_COPY, 
		&lock, NULL, &msg), ERR_OK);
	assert_true(project_lock_held(&lock));
	char *real_to = realpath(to, NULL);
	assert_string_equal(p->dir, real_to);
	/* the media: hard links (one file system here), the unused one too */
	char *a2 = xasprintf("%s/audio/a.wav", to);
	char *spare2 = xasprintf("%s/audio/spare.wav", to);
	struct stat s1, s2;
	assert_int_equal(stat(a, &s1), 0);
	assert_int_equal(stat(a2, &s2), 0);
	assert_true(s1.st_ino == s2.st_ino);
	assert_int_equal(access(spare2, R_OK), 0);
	/* the file outside the folder is named absolutely; the copy loads and finds it */
	assert_string_equal(p->tracks[0].clips[0].file, "audio/a.wav");
	assert_int_equal(p->tracks[0].clips[1].file[0], '/');

	/* another project holding its own audio/a.wav (other bytes): replacing it would
	 * lose that project's media, so the save is refused and leaves it as it was */
	char *rival = xasprintf("%s/rival", root);
	char *rival_audio = xasprintf("%s/audio", rival);
	char *rival_a = xasprintf("%s/a.wav", rival_audio);
	char *rival_pj = xasprintf("%s/project.json", rival);
	char *rival_spare = xasprintf("%s/spare.wav", rival_audio);
	assert_int_equal(mkdir(rival, 0755), 0);
	assert_int_equal(mkdir(rival_audio, 0755), 0);
	double other_dc = 0.5;
	tu_write_wav(rival_a, 48000, 1, 4800, tu_gen_dc, &other_dc);
	put(rival_pj, "{\"format\":\"ttymix-project\",\"version\":1}\n");
	struct stat before, after, pj_before, pj_after;
	assert_int_equal(stat(rival_a, &before), 0);
	assert_int_equal(stat(rival_pj, &pj_before), 0);
	struct project_lock rival_lock;
	project_lock_init(&rival_lock);
	assert_int_equal(project_save_copy(p, rival, PROJECT_MEDIA_COPY, 
		&rival_lock, NULL, &msg), ERR_USAGE);
	assert_non_null(strstr(msg.text, "a save never replaces media"));
	assert_false(project_lock_held(&rival_lock));
	assert_string_equal(p->dir, real_to);
	assert_int_equal(stat(rival_a, &after), 0);
	assert_true(before.st_ino == after.st_ino && before.st_size == after.st_size);
	assert_int_equal(access(rival_spare, F_OK), -1); /* what it made is gone again */
	assert_int_equal(stat(rival_pj, &pj_after), 0);
	assert_true(pj_before.st_ino == pj_after.st_ino && pj_before.st_size == pj_after.st_size);
	free(rival_spare);
	free(rival_pj);
	free(rival_a);
	free(rival_audio);
	free(rival);

	project_lock_release(&lock);
	project_free(p);
	struct diag d;
	diag_init(&d);
	struct project *q;
	assert_int_equal(project_load(to, &q, &d), ERR_OK);
	diag_deinit(&d);
	char *clip = project_clip_path(q, &q->tracks[0].clips[1]);
	assert_int_equal(access(clip, R_OK), 0);
	free(clip);
	project_free(q);

	free(a2);
	free(spare2);
	free(real_to);
	free(to);
	free(pj_other);
	free(note_path);
	free(other);
	free(a);
	free(spare);
	free(outside);
	free(audio);
	free(from);
	tu_rmtree(root);
	free(root);
}

/* The one answer to "does studio PID still run" that the lock and the autosave share:
 * a zombie is not running, nor is a number no process can have. */
static void pid_running(void **state)
{
	(void)state;
	assert_true(host_pid_running((long)getpid()));
	assert_false(host_pid_running(0));
	assert_false(host_pid_running(-1));
	assert_false(host_pid_running((long)INT_MAX + 2)); /* (pid_t) would make it 1 */
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0)
		_exit(0);
	/* exited, not yet waited for: a zombie (poll: the exit takes its time) */
	bool gone = false;
	for (int i = 0; i < 2000 && !gone; i++) {
		gone = !host_pid_running((long)child);
		if (!gone)
			usleep(5000);
	}
	assert_true(gone);
	assert_int_equal(kill(child, 0), 0); /* still there as a zombie */
	assert_int_equal(waitpid(child, NULL, 0), child);
	assert_false(host_pid_running((long)child));
	char name[HOST_NAME_SIZE];
	host_name(name, sizeof name);
	assert_true(name[0] != '\0');
	assert_null(strpbrk(name, "./ \t"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pid_running),
		cmocka_unit_test(one_holder),
		cmocka_unit_test(stale_taken_over),
		cmocka_unit_test(symlink_not_followed),
		cmocka_unit_test(save_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
