/*
 * util — an ordered worker pool: one producer submits jobs, N worker threads run them in any
 * order, and one consumer takes them back in the order they were submitted. This is how
 * entente codes on every core and still writes its output (or its store) in input order.
 *
 * At most `capacity` jobs are in flight (submitted and not yet taken back): submit blocks
 * when the consumer falls behind, so memory stays bounded whatever the input size. The pool
 * never owns a job: it hands the same pointer back from ent_pool_next().
 */
#ifndef ENTENTE_UTIL_POOL_H
#define ENTENTE_UTIL_POOL_H

#include <stddef.h>

typedef struct ent_pool ent_pool;

/* Runs one job on a worker thread. state is that worker's own state (states[i] of create). */
typedef void (*ent_pool_work_fn)(void *state, void *job);

/*
 * Starts nworkers (≥ 1) threads; worker i runs work(states[i], job) (states may be NULL: every
 * state is NULL). Returns 0, or -1 when memory or threads are short (nothing is left
 * running). Caller frees with ent_pool_destroy().
 */
int ent_pool_create(ent_pool **out, size_t nworkers, size_t capacity, ent_pool_work_fn work,
                    void *const *states);

/* Queues a job (not NULL), waiting while capacity jobs are in flight. Producer thread only. */
void ent_pool_submit(ent_pool *p, void *job);

/* No more jobs will be submitted. Producer thread only. */
void ent_pool_close(ent_pool *p);

/*
 * The oldest submitted job once it has run, waiting for it; NULL when the pool is closed
 * and every job has been taken. Consumer thread only (which may be the producer's, as long
 * as it never waits on a job it has not submitted).
 */
void *ent_pool_next(ent_pool *p);

/* Closes the pool if needed, waits for the workers to finish and frees it. Jobs not taken
 * are run but not returned: drain with ent_pool_next() first. NULL does nothing. */
void ent_pool_destroy(ent_pool *p);

/* The number of processors online (at least 1). */
size_t ent_pool_cpu_count(void);

#endif
