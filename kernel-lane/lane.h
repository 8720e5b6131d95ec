/*
 * What executor.c shares with concurrent.c: the parsed form of a batch's ops and the calls
 * that run them and report on them.
 */
#ifndef LANE_H
#define LANE_H

/* Far above any fd a scenario names (raw fds are small), so a scenario may close 0-2 freely. */
#define OUT_FD 1000
#define MAX_ARGS 4

struct arg { long literal; int ref; };   /* ref >= 0: @ref, literal is the fallback */
struct op { char name[16]; int argc; struct arg args[MAX_ARGS]; };
struct scenario { int count, cap; struct op *ops; };

extern int out_fd;

/* One "KL ..." line, written with a single write(2) so lines of processes never mix. */
void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses "name arg..." (the text after "O ") into a new op at the end of s. */
void add_op(struct scenario *s, char *line);
/* Runs o; a reference argument reads results[ref]. Returns the result or -errno. */
long run_op(const struct op *o, const long *results);
int returns_fd(const char *op);
/* Live dma-bufs (debugfs bufinfo), after the delayed fputs of an exited process settled. */
int settled_live_dma_bufs(void);

/* concurrent.c: takes the C, T, O and E lines of a concurrent scenario; 1 when it took the line. */
int concurrent_batch_line(char *line, int *index);

#endif
