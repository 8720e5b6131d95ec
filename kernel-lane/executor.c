/*
 * PrimeProps kernel lane: runs a batch of sequential scenarios against the real DRM ioctls
 * (vgem, inside a throw-away qemu guest) and prints what the kernel answered, for the C#
 * side (src/PrimeProps/KernelLane/) to compare with the model.
 *
 * Batch (written by BatchWriter.cs), one line each:
 *   S <label>                  a scenario starts
 *   O <op> <arg>...            open | create_dumb A W H BPP | gem_close A H | handle_to_fd A H FLAGS
 *                              | fd_to_handle A FD | close A | dup A | flink A H | gem_open A NAME
 *                              | gem_change_handle A H NEW (Linux 6.18+)
 *   E                          the scenario ends
 *   C ... T ...                a concurrent scenario (concurrent.c has its lines)
 * An argument is a number, or @K:D: the result of op K of this scenario if it succeeded, else D
 * (the model's rule for a reference to a result that does not exist).
 *
 * Output, every line prefixed "KL " so kernel messages on the console are told apart:
 *   V <uname -r>               once, first
 *   S <n>                      scenario n of the batch (0-based) starts
 *   R <k> <result> [D<ord>] [F<c><m>]
 *                              op k returned result (or -errno); D: the fd is a dma-buf, the
 *                              ord-th distinct one (by st_ino) this scenario has seen; F: for
 *                              an fd result, FD_CLOEXEC (c = 0|1, F_GETFD) and the access
 *                              mode (m = r|w|b for O_RDONLY|O_WRONLY|O_RDWR, F_GETFL)
 *   X <status>                 the scenario's child did not exit normally (wait status)
 *   L <n>                      live dma-bufs after the child exited (debugfs bufinfo)
 *   END                        the batch is done
 *
 * Build: gcc -static -pthread -O2 -Wall -o executor executor.c concurrent.c
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include "prime_ioctls.h"
#include "lane.h"

#define CARD "/dev/dri/card0"
#define BUFINFO "/sys/kernel/debug/dma_buf/bufinfo"

int out_fd = 1;

void emit(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 2)
		n = sizeof line - 2; /* cut, never overrun */
	line[n++] = '\n';
	/* one write per line, so lines from the parent and the child never mix */
	if (write(out_fd, line, n) != n)
		_exit(3);
}

static void parse_arg(const char *text, struct arg *a)
{
	if (text[0] == '@') {
		char *colon;
		a->ref = (int)strtol(text + 1, &colon, 10);
		a->literal = *colon == ':' ? strtol(colon + 1, NULL, 10) : 0;
	} else {
		a->ref = -1;
		a->literal = strtol(text, NULL, 0);
	}
}

void add_op(struct scenario *s, char *line)
{
	if (s->count == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->ops = realloc(s->ops, s->cap * sizeof *s->ops);
	}
	struct op *o = &s->ops[s->count++];
	memset(o, 0, sizeof *o);
	char *save, *tok = strtok_r(line, " \n", &save);
	snprintf(o->name, sizeof o->name, "%s", tok ? tok : "");
	while ((tok = strtok_r(NULL, " \n", &save)) && o->argc < MAX_ARGS)
		parse_arg(tok, &o->args[o->argc++]);
}

static long value(const struct arg *a, const long *results)
{
	return a->ref >= 0 && results[a->ref] >= 0 ? results[a->ref] : a->literal;
}

long run_op(const struct op *o, const long *results)
{
	long a[MAX_ARGS];
	for (int i = 0; i < o->argc; i++)
		a[i] = value(&o->args[i], results);
	if (!strcmp(o->name, "open"))
		return ret_or_errno(open(CARD, O_RDWR));
	if (!strcmp(o->name, "create_dumb"))
		return create_dumb(a[0], (uint32_t)a[1], (uint32_t)a[2], (uint32_t)a[3]);
	if (!strcmp(o->name, "gem_close"))
		return gem_close(a[0], a[1]);
	if (!strcmp(o->name, "handle_to_fd"))
		return handle_to_fd(a[0], a[1], (uint32_t)a[2]);
	if (!strcmp(o->name, "fd_to_handle"))
		return fd_to_handle(a[0], a[1]);
	if (!strcmp(o->name, "close"))
		return sys_close(a[0]);
	if (!strcmp(o->name, "dup"))
		return sys_dup(a[0]);
	if (!strcmp(o->name, "flink"))
		return gem_flink(a[0], a[1]);
	if (!strcmp(o->name, "gem_open"))
		return gem_open(a[0], a[1]);
	if (!strcmp(o->name, "gem_change_handle"))
		return gem_change_handle(a[0], a[1], a[2]);
	emit("KL ? unknown op %s", o->name);
	_exit(2);
}

/* The dma-buf behind fd as an ordinal of first sight (inode numbers differ from boot to boot
 * and across scenarios; their order of appearance does not), or 0 when fd is no dma-buf. */
static int dma_buf_ordinal(long fd, unsigned long *seen, int *nseen)
{
	char path[64], link[64];
	snprintf(path, sizeof path, "/proc/self/fd/%ld", fd);
	ssize_t n = readlink(path, link, sizeof link - 1);
	if (n < 0)
		return 0;
	link[n] = 0;
	struct stat st;
	if (strncmp(link, "/dmabuf:", 8) || fstat((int)fd, &st))
		return 0;
	for (int i = 0; i < *nseen; i++)
		if (seen[i] == st.st_ino)
			return i + 1;
	seen[(*nseen)++] = st.st_ino;
	return *nseen;
}

/* " F<cloexec><mode>" for an fd result, read at once (the scenario is sequential): FD_CLOEXEC
 * is per fd, the access mode per open file. */
static const char *fd_flags(long fd, char out[8])
{
	int fdflags = fcntl((int)fd, F_GETFD), fl = fcntl((int)fd, F_GETFL);
	int acc = fl < 0 ? -1 : fl & O_ACCMODE;
	snprintf(out, 8, " F%d%c", fdflags >= 0 && (fdflags & FD_CLOEXEC),
		 acc == O_RDWR ? 'b' : acc == O_WRONLY ? 'w' : acc == O_RDONLY ? 'r' : '?');
	return out;
}

int returns_fd(const char *op)
{
	return !strcmp(op, "open") || !strcmp(op, "dup") || !strcmp(op, "handle_to_fd");
}

/* In a fresh child: fds from 3 and handles from 1, as the model starts; exit closes everything. */
static void run_scenario(const struct scenario *s)
{
	long *results = calloc(s->count + 1, sizeof *results);
	unsigned long *seen = calloc(s->count + 1, sizeof *seen);
	int nseen = 0;
	close_range(3, ~0U, 0);
	out_fd = dup2(1, OUT_FD);
	for (int k = 0; k < s->count; k++) {
		const struct op *o = &s->ops[k];
		results[k] = run_op(o, results);
		int is_fd = results[k] >= 0 && returns_fd(o->name);
		int ord = is_fd ? dma_buf_ordinal(results[k], seen, &nseen) : 0;
		char flags[8] = "";
		if (is_fd)
			fd_flags(results[k], flags);
		if (ord)
			emit("KL R %d %ld D%d%s", k, results[k], ord, flags);
		else
			emit("KL R %d %ld%s", k, results[k], flags);
	}
	_exit(0);
}

static int live_dma_bufs(void)
{
	char buf[1 << 16];
	int fd = open(BUFINFO, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *total = strstr(buf, "Total ");
	return total ? atoi(total + 6) : -1;
}

/* The exiting child's last fputs can be left to the delayed_fput worker; give it a moment
 * before calling what is still live a leak. A real leak stays. */
int settled_live_dma_bufs(void)
{
	int live = live_dma_bufs();
	for (int i = 0; i < 50 && live > 0; i++) {
		nanosleep(&(struct timespec){ .tv_nsec = 2000000 }, NULL);
		live = live_dma_bufs();
	}
	return live;
}

static void run_and_report(int index, const struct scenario *s)
{
	emit("KL S %d", index);
	pid_t pid = fork();
	if (pid == 0)
		run_scenario(s);
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		emit("KL X %d", pid < 0 ? -1 : status);
	emit("KL L %d", settled_live_dma_bufs());
}

int main(int argc, char **argv)
{
	FILE *batch = argc > 1 ? fopen(argv[1], "r") : NULL;
	if (!batch) {
		fprintf(stderr, "usage: executor BATCH\n");
		return 2;
	}
	struct utsname u;
	uname(&u);
	emit("KL V %s", u.release);
	struct scenario s = { 0 };
	int index = 0;
	char line[512];
	while (fgets(line, sizeof line, batch)) {
		if (concurrent_batch_line(line, &index))
			continue;
		if (line[0] == 'S')
			s.count = 0;
		else if (line[0] == 'O')
			add_op(&s, line + 2);
		else if (line[0] == 'E')
			run_and_report(index++, &s);
	}
	fclose(batch);
	emit("KL END");
	return 0;
}
