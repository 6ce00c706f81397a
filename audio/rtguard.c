#include "audio/rtguard.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>

/* The preload exports this; it sets a thread-local "inside the audio callback" flag. */
typedef void (*rtguard_hook)(int inside);
static _Atomic(rtguard_hook) hook;

void rtguard_init(void)
{
	if (atomic_load(&hook))
		return;
	void *sym = dlsym(RTLD_DEFAULT, "ttymix_rtcheck_mark");
	rtguard_hook fn;
	/* POSIX guarantees object and function pointers convert for dlsym results */
	*(void **)&fn = sym;
	if (fn)
		atomic_store(&hook, fn);
}

void rtguard_enter_rt(void)
{
	rtguard_hook fn = atomic_load_explicit(&hook, memory_order_relaxed);
	if (fn)
		fn(1);
}

void rtguard_leave_rt(void)
{
	rtguard_hook fn = atomic_load_explicit(&hook, memory_order_relaxed);
	if (fn)
		fn(0);
}

/* 2 and 3: the preload's codes for a foreign call's start and end (tests/rtcheck.c) */
void rtguard_foreign_enter_rt(void)
{
	rtguard_hook fn = atomic_load_explicit(&hook, memory_order_relaxed);
	if (fn)
		fn(2);
}

void rtguard_foreign_leave_rt(void)
{
	rtguard_hook fn = atomic_load_explicit(&hook, memory_order_relaxed);
	if (fn)
		fn(3);
}
