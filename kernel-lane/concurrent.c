/*
 * PrimeProps kernel lane, concurrent scenarios: a scenario's threads run as real pthreads,
 * released together by a barrier after the setup, the whole scenario repeated many times,
 * and every distinct outcome counted. The C# side (src/PrimeProps/KernelLane/) checks each
 * outcome against the outcomes the model can produce (a litmus test), or counts how often a
 * window of a finding opened.
 *
 * Batch lines (written by ConcurrentBatchWriter.cs), after executor.c's own:
 *   C <runs> <mode> <label>   a concurrent scenario, run <runs> times. mode "fork": a fresh
 *                             child process per run (its exit closes everything); "loop": one
 *                             child runs them all with the threads kept, closing every fd
 *                             between runs (much faster; the state is rebuilt just the same)
 *   O <op> <arg>...           an op (executor.c); those before the first T are the setup
 *   T <delay> <jitter>        a thread starts; after the barrier it spins delay plus a random
 *                             number below jitter iterations before its first op
 *   E                         the scenario ends: run it
 * An argument @K:D is op K's result (ops numbered across the setup and the threads in this
 * order) when op K has returned it and it is not an error, else D: a thread reads another
 * thread's result at the moment it makes its call, as a model thread does.
 *
 * Output:
 *   KL S <n>                  scenario n of the batch starts
 *   KL O <count> <outcome>    a distinct outcome and how many runs gave it
 *   KL K <text>               a kernel log line with WARNING, BUG, Oops, ... from these runs
 * An outcome is every op's result (-errno on failure) in op order, the setup first, each
 * thread after a "|"; an fd that is a dma-buf gets D<ord>, the ord-th distinct dma-buf (by
 * st_ino) in that order; then L<n>, the live dma-bufs once every fd is closed, and in fork
 * mode X<status> when the child did not exit normally.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lane.h"

#define MAX_THREADS 8
#define MAX_OPS 128
#define MAX_OUTCOMES 4096
#define OUTCOME_LEN 1024
#define NOT_YET (-0x7fffffffffffffffL)
#define PIPE_FD (OUT_FD + 1)

static struct {
	int active, runs, fork_mode, threads;
	int first[MAX_THREADS + 1];          /* first[t]: thread t's first op; the setup ends at first[0] */
	long delay[MAX_THREADS], jitter[MAX_THREADS];
	struct scenario ops;
} sc;

static long results[MAX_OPS];
static unsigned long inodes[MAX_OPS];
static pthread_barrier_t start, done;

static struct { char *text; long count; } outcomes[MAX_OUTCOMES];
static int noutcomes;
static long overflow;                    /* runs whose outcome did not fit the table */

static int setup_end(void) { return sc.threads ? sc.first[0] : sc.ops.count; }

static unsigned long dma_buf_inode(long fd)
{
	char path[64], link[64];
	snprintf(path, sizeof path, "/proc/self/fd/%ld", fd);
	ssize_t n = readlink(path, link, sizeof link - 1);
	struct stat st;
	if (n < 0)
		return 0;
	link[n] = 0;
	return strncmp(link, "/dmabuf:", 8) || fstat((int)fd, &st) ? 0 : st.st_ino;
}

/* Runs op k with its references resolved now, and publishes the result to the other threads. */
static void run_one(int k)
{
	struct op o = sc.ops.ops[k];
	for (int i = 0; i < o.argc; i++)
		if (o.args[i].ref >= 0) {
			long r = __atomic_load_n(&results[o.args[i].ref], __ATOMIC_ACQUIRE);
			if (r != NOT_YET && r >= 0)
				o.args[i].literal = r;
			o.args[i].ref = -1;
		}
	long r = run_op(&o, NULL);
	/* Looked at right after the call: the fd cannot be closed by this thread in between. */
	inodes[k] = r >= 0 && returns_fd(o.name) ? dma_buf_inode(r) : 0;
	__atomic_store_n(&results[k], r, __ATOMIC_RELEASE);
}

static void spin(long n)
{
	for (volatile long i = 0; i < n; i++)
		;
}

/* Runs thread t's ops at every run, until the process exits. */
static void *worker(void *arg)
{
	int t = (int)(long)arg;
	unsigned long rng = 0x9E3779B97F4A7C15UL * (unsigned long)(t + 1);
	for (;;) {
		pthread_barrier_wait(&start);
		rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
		spin(sc.delay[t] + (sc.jitter[t] > 0 ? (long)(rng % (unsigned long)sc.jitter[t]) : 0));
		for (int k = sc.first[t]; k < sc.first[t + 1]; k++)
			run_one(k);
		pthread_barrier_wait(&done);
	}
	return NULL;
}

static void start_workers(pthread_t *ids)
{
	pthread_barrier_init(&start, NULL, sc.threads + 1);
	pthread_barrier_init(&done, NULL, sc.threads + 1);
	for (int t = 0; t < sc.threads; t++)
		if (pthread_create(&ids[t], NULL, worker, (void *)(long)t)) {
			emit("KL ! pthread_create failed");
			_exit(4);
		}
}

/* One run: the setup alone, then the threads together; the outcome without its L part. */
static void one_run(char *out)
{
	for (int k = 0; k < sc.ops.count; k++)
		results[k] = NOT_YET;
	for (int k = 0; k < setup_end(); k++)
		run_one(k);
	if (sc.threads) {
		pthread_barrier_wait(&start);
		pthread_barrier_wait(&done);
	}
	unsigned long seen[MAX_OPS];
	int nseen = 0, len = 0;
	for (int k = 0, t = 0; k < sc.ops.count; k++) {
		while (t < sc.threads && sc.first[t] == k)
			len += snprintf(out + len, OUTCOME_LEN - len, "| "), t++;
		int ord = 0;
		for (int i = 0; i < nseen && inodes[k]; i++)
			if (seen[i] == inodes[k])
				ord = i + 1;
		if (inodes[k] && !ord)
			seen[nseen++] = inodes[k], ord = nseen;
		len += snprintf(out + len, OUTCOME_LEN - len, ord ? "%ld D%d " : "%ld ", results[k], ord);
		if (len >= OUTCOME_LEN - 32)
			break;
	}
	for (int t = 0; t < sc.threads && len < OUTCOME_LEN - 32; t++)
		if (sc.first[t] == sc.ops.count) /* a thread without ops */
			len += snprintf(out + len, OUTCOME_LEN - len, "| ");
	out[len] = 0;
}

static void count(const char *outcome)
{
	for (int i = 0; i < noutcomes; i++)
		if (!strcmp(outcomes[i].text, outcome)) {
			outcomes[i].count++;
			return;
		}
	if (noutcomes == MAX_OUTCOMES) {
		overflow++;
		return;
	}
	outcomes[noutcomes].text = strdup(outcome);
	outcomes[noutcomes++].count = 1;
}

/* Only the given fds stay open: a run starts from fds 0-2 as the model's process does. */
static void keep_only_std_and(int high_fd)
{
	close_range(3, OUT_FD - 1, 0);
	close_range(high_fd + 1, ~0U, 0);
}

/* loop mode, in one child: every run, then the counts. */
static void loop_child(void)
{
	pthread_t ids[MAX_THREADS];
	out_fd = dup2(1, OUT_FD);
	keep_only_std_and(OUT_FD);
	start_workers(ids);
	char out[OUTCOME_LEN + 32];
	for (int run = 0; run < sc.runs; run++) {
		one_run(out);
		keep_only_std_and(OUT_FD);
		snprintf(out + strlen(out), 32, "L%d", settled_live_dma_bufs());
		count(out);
	}
	for (int i = 0; i < noutcomes; i++)
		emit("KL O %ld %s", outcomes[i].count, outcomes[i].text);
	if (overflow)
		emit("KL ! %ld runs had an outcome beyond the first %d distinct ones", overflow, MAX_OUTCOMES);
	_exit(0);
}

/* fork mode, in the parent: a child per run, which sends its outcome through a pipe. */
static void fork_runs(void)
{
	char out[OUTCOME_LEN + 64];
	for (int run = 0; run < sc.runs; run++) {
		int p[2];
		if (pipe(p)) {
			emit("KL ! pipe failed");
			return;
		}
		pid_t pid = fork();
		if (pid == 0) {
			pthread_t ids[MAX_THREADS];
			dup2(p[1], PIPE_FD);
			out_fd = dup2(1, OUT_FD);
			keep_only_std_and(PIPE_FD);
			start_workers(ids);
			one_run(out);
			size_t n = strlen(out);
			_exit(write(PIPE_FD, out, n) == (ssize_t)n ? 0 : 3);
		}
		close(p[1]);
		ssize_t n = pid < 0 ? 0 : read(p[0], out, OUTCOME_LEN);
		close(p[0]);
		out[n > 0 ? n : 0] = 0;
		int status = 0;
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			status = -1;
		size_t len = strlen(out);
		len += snprintf(out + len, 32, "L%d", settled_live_dma_bufs());
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			snprintf(out + len, 32, " X%d", status);
		count(out);
	}
	for (int i = 0; i < noutcomes; i++) {
		emit("KL O %ld %s", outcomes[i].count, outcomes[i].text);
		free(outcomes[i].text);
	}
	if (overflow)
		emit("KL ! %ld runs had an outcome beyond the first %d distinct ones", overflow, MAX_OUTCOMES);
	noutcomes = 0, overflow = 0;
}

/* Kernel log lines that mean the kernel found itself wrong, printed during the scenario's runs. */
static void scan_kernel_log(void)
{
	static const char *const alarms[] = { "WARNING:", "BUG:", "Oops", "general protection", "KASAN",
		"refcount_t:", "list_add corruption", "list_del corruption", "use-after-free", "Call Trace", "kernel BUG" };
	int size = klogctl(10, NULL, 0); /* SYSLOG_ACTION_SIZE_BUFFER */
	if (size <= 0)
		return;
	char *buf = malloc(size + 1);
	int n = klogctl(4, buf, size); /* SYSLOG_ACTION_READ_CLEAR */
	buf[n > 0 ? n : 0] = 0;
	int shown = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		for (size_t a = 0; a < sizeof alarms / sizeof *alarms; a++)
			if (strstr(line, alarms[a]) && shown++ < 40) {
				emit("KL K %.200s", line);
				break;
			}
	free(buf);
}

static void run_concurrent(int index)
{
	emit("KL S %d", index);
	klogctl(5, NULL, 0); /* SYSLOG_ACTION_CLEAR: only this scenario's messages are scanned */
	if (sc.fork_mode)
		fork_runs();
	else {
		pid_t pid = fork();
		if (pid == 0)
			loop_child();
		int status = 0;
		if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			emit("KL X %d", pid < 0 ? -1 : status);
	}
	scan_kernel_log();
}

int concurrent_batch_line(char *line, int *index)
{
	if (line[0] == 'C') {
		char mode[16] = "";
		sc.active = 1, sc.threads = 0, sc.ops.count = 0, sc.runs = 0;
		sscanf(line + 1, "%d %15s", &sc.runs, mode);
		sc.fork_mode = !strcmp(mode, "fork");
		return 1;
	}
	if (!sc.active)
		return 0;
	if (line[0] == 'O' && sc.ops.count < MAX_OPS)
		add_op(&sc.ops, line + 2);
	else if (line[0] == 'T' && sc.threads < MAX_THREADS) {
		sc.delay[sc.threads] = sc.jitter[sc.threads] = 0;
		sscanf(line + 1, "%ld %ld", &sc.delay[sc.threads], &sc.jitter[sc.threads]);
		sc.first[sc.threads++] = sc.ops.count;
	} else if (line[0] == 'E') {
		sc.first[sc.threads] = sc.ops.count;
		run_concurrent((*index)++);
		sc.active = 0;
	}
	return 1;
}
