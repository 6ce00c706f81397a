/* bench/jack_probe: what the machine itself does to a JACK client's callback, as the
 * yardstick for bench/dsp_load.sh's figures.
 *
 *   bench/jack_probe WORK_US SECONDS
 *
 * Joins the running JACK server (JACK_DEFAULT_SERVER) as a client with two output
 * ports and, in every process callback, does a fixed amount of arithmetic that takes
 * about WORK_US microseconds on this CPU (measured once before joining) and writes
 * silence. The work never varies, so every callback that comes out late was made late
 * by the machine: a hypervisor taking the CPU away, interrupts charged to the thread,
 * other real-time threads. It keeps the account ttymix keeps of its own callback
 * (audio/engine.c, note_load_rt), with the same two clocks and the same rule:
 *   late by its own work ("overruns"): the callback's wall time and its thread's CPU
 *     time both beyond the period;
 *   late because it could not run ("stalls"): the wall time beyond, the CPU time not;
 * plus the xruns the server reports to this client. After SECONDS it prints one line:
 *
 *   probe: N callbacks, mean M %, worst W % (by CPU C %), O overruns, S stalls, X xruns
 *
 * (percent of the period). Run with WORK_US at ttymix's mean callback time, the
 * overruns and stalls are what any client of that weight gets on this machine; what
 * ttymix counts beyond them is ttymix's.
 *
 * Real time: the callback neither allocates, locks nor does I/O; its counters are
 * plain integers read by the main thread only after the client is deactivated. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <jack/jack.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static jack_port_t *ports[2];
static uint64_t iterations;  /* of the fixed loop per callback */
static uint64_t period_ns;   /* set before activation */
static volatile double sink; /* keeps the loop from being optimised away */

static uint64_t n_callbacks, sum_ppm, max_ppm, max_cpu_ppm, overruns, stalls;
static _Atomic int xruns; /* written by the notification thread, which runs until jack_client_close */

static uint64_t clock_ns(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* a dependent chain of multiply-adds: one per cycle or so, no memory traffic */
static void fixed_work(uint64_t n)
{
	double x = 1.0;
	for (uint64_t i = 0; i < n; i++)
		x = x * 1.0000001 + 1e-9;
	sink = x;
}

static int process(jack_nframes_t frames, void *arg)
{
	(void)arg;
	const uint64_t w0 = clock_ns(CLOCK_MONOTONIC);
	const uint64_t c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	fixed_work(iterations);
	for (int p = 0; p < 2; p++)
		memset(jack_port_get_buffer(ports[p], frames), 0, sizeof(float) * frames);
	const uint64_t wall = clock_ns(CLOCK_MONOTONIC) - w0;
	const uint64_t cpu = clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
	const uint64_t ppm = wall * 1000000u / period_ns;
	const uint64_t cpu_ppm = cpu * 1000000u / period_ns;
	n_callbacks++;
	sum_ppm += ppm;
	if (ppm > max_ppm)
		max_ppm = ppm;
	if (cpu_ppm > max_cpu_ppm)
		max_cpu_ppm = cpu_ppm;
	if (wall > period_ns) {
		if (cpu > period_ns)
			overruns++;
		else
			stalls++;
	}
	return 0;
}

static int on_xrun(void *arg)
{
	(void)arg;
	atomic_fetch_add(&xruns, 1);
	return 0;
}

/* iterations of fixed_work that take us microseconds here: the least of a few tries,
 * so a try the machine interrupted does not make the work too small */
static uint64_t calibrate(double us)
{
	const uint64_t n = 2000000;
	uint64_t best = UINT64_MAX;
	for (int i = 0; i < 7; i++) {
		uint64_t t0 = clock_ns(CLOCK_MONOTONIC);
		fixed_work(n);
		uint64_t t = clock_ns(CLOCK_MONOTONIC) - t0;
		if (t < best)
			best = t;
	}
	return (uint64_t)(us * 1000.0 * (double)n / (double)best);
}

static volatile sig_atomic_t stop;
static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	if (argc != 3 || atof(argv[1]) < 0 || atof(argv[2]) <= 0) {
		fprintf(stderr, "usage: jack_probe WORK_US SECONDS\n");
		return 2;
	}
	const double seconds = atof(argv[2]);
	iterations = calibrate(atof(argv[1]));
	jack_status_t status;
	jack_client_t *c = jack_client_open("jack_probe", JackNoStartServer, &status);
	if (!c) {
		fprintf(stderr, "jack_probe: no JACK server to join (status 0x%x)\n",
			(unsigned)status);
		return 1;
	}
	period_ns = (uint64_t)jack_get_buffer_size(c) * 1000000000u / jack_get_sample_rate(c);
	ports[0] = jack_port_register(c, "out_1", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
	ports[1] = jack_port_register(c, "out_2", JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
	if (!ports[0] || !ports[1] || jack_set_process_callback(c, process, NULL) != 0
		|| jack_set_xrun_callback(c, on_xrun, NULL) != 0 || jack_activate(c) != 0) {
		fprintf(stderr, "jack_probe: cannot register and activate the client\n");
		jack_client_close(c);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)seconds;
	while (!stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &end, NULL) != 0)
		;
	jack_deactivate(c); /* the callback has stopped: its counters are ours to read */
	printf("probe: %llu callbacks, mean %.1f %%, worst %.1f %% (by CPU %.1f %%), "
		"%llu overruns, %llu stalls, %d xruns\n", (unsigned long long)n_callbacks,
		n_callbacks ? (double)sum_ppm / (double)n_callbacks / 1e4 : 0.0,
		(double)max_ppm / 1e4, (double)max_cpu_ppm / 1e4, (unsigned long long)overruns,
		(unsigned long long)stalls, xruns);
	jack_client_close(c);
	return 0;
}
