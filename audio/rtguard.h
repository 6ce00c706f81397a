/* Marks the stretch of the audio thread that runs engine_process_rt(), so that a test
 * preload (tests/rtcheck.c) can fail any malloc, free, lock or file I/O made inside it.
 * Without the preload the marks cost one predictable branch. */
#ifndef TTYMIX_RTGUARD_H
#define TTYMIX_RTGUARD_H

/* Look the preload's hook up once; control thread, before any audio runs. */
void rtguard_init(void);
void rtguard_enter_rt(void);
void rtguard_leave_rt(void);
/* Around a call into code that is not ttymix's (an LV2 plug-in's run()): the preload
 * stops policing until the matching leave, and counts such calls apart. Audio thread,
 * inside enter/leave. */
void rtguard_foreign_enter_rt(void);
void rtguard_foreign_leave_rt(void);

#endif
