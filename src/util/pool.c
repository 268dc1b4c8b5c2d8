/* util — the ordered worker pool of pool.h: one mutex, a ring of slots, three conditions. */
#include "pool.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

enum { SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

typedef struct slot {
    void *job;
    int state;
} slot;

typedef struct worker {
    ent_pool *pool;
    void *state;
    pthread_t thread;
} worker;

struct ent_pool {
    pthread_mutex_t lock;
    pthread_cond_t can_submit; /* a slot was freed */
    pthread_cond_t can_run;    /* a job was queued, or the pool closed */
    pthread_cond_t can_take;   /* a job finished, or the pool closed */
    slot *ring;
    size_t capacity;
    /* Sequence numbers; slot of n is ring[n % capacity]. taken ≤ started ≤ submitted. */
    uint64_t submitted, started, taken;
    int closed;
    ent_pool_work_fn work;
    worker *workers;
    size_t nworkers;
};

static void *worker_main(void *arg)
{
    worker *w = arg;
    ent_pool *p = w->pool;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->started == p->submitted && !p->closed)
            pthread_cond_wait(&p->can_run, &p->lock);
        if (p->started == p->submitted) /* closed and nothing left */
            break;
        slot *s = &p->ring[p->started++ % p->capacity];
        s->state = SLOT_RUNNING;
        pthread_mutex_unlock(&p->lock);
        p->work(w->state, s->job);
        pthread_mutex_lock(&p->lock);
        s->state = SLOT_DONE;
        pthread_cond_signal(&p->can_take);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int ent_pool_create(ent_pool **out, size_t nworkers, size_t capacity, ent_pool_work_fn work,
                    void *const *states)
{
    *out = NULL;
    if (nworkers == 0)
        nworkers = 1;
    if (capacity < nworkers)
        capacity = nworkers;
    ent_pool *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    p->ring = calloc(capacity, sizeof *p->ring);
    p->workers = calloc(nworkers, sizeof *p->workers);
    if (!p->ring || !p->workers) {
        free(p->ring);
        free(p->workers);
        free(p);
        return -1;
    }
    p->capacity = capacity;
    p->work = work;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->can_submit, NULL);
    pthread_cond_init(&p->can_run, NULL);
    pthread_cond_init(&p->can_take, NULL);
    for (size_t i = 0; i < nworkers; i++) {
        p->workers[i].pool = p;
        p->workers[i].state = states ? states[i] : NULL;
        if (pthread_create(&p->workers[i].thread, NULL, worker_main, &p->workers[i]) != 0) {
            ent_pool_destroy(p); /* joins the ones started */
            return -1;
        }
        p->nworkers++;
    }
    *out = p;
    return 0;
}

void ent_pool_submit(ent_pool *p, void *job)
{
    pthread_mutex_lock(&p->lock);
    while (p->submitted - p->taken == p->capacity)
        pthread_cond_wait(&p->can_submit, &p->lock);
    slot *s = &p->ring[p->submitted++ % p->capacity];
    s->job = job;
    s->state = SLOT_QUEUED;
    pthread_cond_signal(&p->can_run);
    pthread_mutex_unlock(&p->lock);
}

void ent_pool_close(ent_pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->closed = 1;
    pthread_cond_broadcast(&p->can_run);
    pthread_cond_broadcast(&p->can_take);
    pthread_mutex_unlock(&p->lock);
}

void *ent_pool_next(ent_pool *p)
{
    void *job = NULL;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        if (p->taken < p->submitted) {
            slot *s = &p->ring[p->taken % p->capacity];
            if (s->state == SLOT_DONE) {
                job = s->job;
                p->taken++;
                pthread_cond_signal(&p->can_submit);
                break;
            }
        } else if (p->closed) {
            break;
        }
        pthread_cond_wait(&p->can_take, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return job;
}

void ent_pool_destroy(ent_pool *p)
{
    if (!p)
        return;
    ent_pool_close(p);
    for (size_t i = 0; i < p->nworkers; i++)
        pthread_join(p->workers[i].thread, NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->can_submit);
    pthread_cond_destroy(&p->can_run);
    pthread_cond_destroy(&p->can_take);
    free(p->ring);
    free(p->workers);
    free(p);
}

size_t ent_pool_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}
