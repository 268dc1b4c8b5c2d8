/* Tests of util: the arena, the hash map, the embedded data table (the string buffer is
 * tested with the output formats in tests/ingest). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/embedded.h"
#include "util/pool.h"
#include "util/u64map.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void arena_allocations_are_aligned_and_survive_growth(void **state)
{
    (void)state;
    ent_arena a = ENT_ARENA_INIT;
    char *first = ent_arena_strndup(&a, "Tehran", 6);
    assert_string_equal(first, "Tehran");
    /* Enough to need several blocks; earlier allocations must stay intact. */
    for (int i = 0; i < 10000; i++) {
        void *p = ent_arena_alloc(&a, (size_t)(i % 97) + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
        memset(p, 0xab, (size_t)(i % 97) + 1);
    }
    void *big = ent_arena_alloc(&a, 1 << 20);
    assert_non_null(big);
    memset(big, 0, 1 << 20);
    assert_string_equal(first, "Tehran");
    ent_arena_reset(&a);
    assert_non_null(ent_arena_alloc(&a, 0));
    ent_arena_free(&a);
    ent_arena_free(&a); /* freeing twice is harmless */
}

static void map_stores_many_keys_including_zero(void **state)
{
    (void)state;
    ent_u64map m = ENT_U64MAP_INIT;
    assert_null(ent_u64map_get(&m, 42));
    for (uint64_t k = 1; k <= 5000; k++)
        assert_int_equal(ent_u64map_put(&m, k * 0x9e3779b97f4a7c15ULL, (uint32_t)k), 0);
    for (uint64_t k = 1; k <= 5000; k++) {
        uint32_t *v = ent_u64map_get(&m, k * 0x9e3779b97f4a7c15ULL);
        assert_non_null(v);
        assert_int_equal(*v, k);
    }
    assert_int_equal(ent_u64map_put(&m, 0, 7), 0);
    assert_int_equal(*ent_u64map_get(&m, 0), 7);
    assert_int_equal(ent_u64map_put(&m, 1 * 0x9e3779b97f4a7c15ULL, 99), 0); /* overwrite */
    assert_int_equal(*ent_u64map_get(&m, 0x9e3779b97f4a7c15ULL), 99);
    assert_null(ent_u64map_get(&m, 123456789));
    ent_u64map_free(&m);
}

static void embedded_data_is_in_the_library(void **state)
{
    (void)state;
    const struct ent_embedded_file *f = ent__embedded_find("dict/countries.ent");
    assert_non_null(f);
    assert_true(f->len > 1000);
    assert_int_equal(f->data[f->len], '\0');
    assert_non_null(ent__embedded_find("demo/iran-russia.jsonl"));
    assert_null(ent__embedded_find("dict/none.ent"));
}

/* ---- the ordered worker pool ---- */

typedef struct square_job {
    int n;
    long result;
    long busywork; /* kept, so the uneven work is not optimised away */
} square_job;

static void square(void *state, void *job)
{
    square_job *j = job;
    int *calls = state;
    (*calls)++; /* each worker has its own counter: no race */
    long r = 0;
    for (int k = 0; k < (j->n % 7) * 1000; k++) /* uneven work, so jobs finish out of order */
        r += k % 3;
    j->busywork = r;
    j->result = (long)j->n * j->n;
}

static void pool_returns_jobs_in_submission_order(void **state)
{
    (void)state;
    enum { JOBS = 5000, WORKERS = 4 };
    int calls[WORKERS] = {0};
    void *states[WORKERS] = {&calls[0], &calls[1], &calls[2], &calls[3]};
    ent_pool *p;
    assert_int_equal(ent_pool_create(&p, WORKERS, 8, square, states), 0);
    square_job *jobs = calloc(JOBS, sizeof *jobs);
    assert_non_null(jobs);
    /* One thread both submits and takes back, as entente's MPI rank 0 does: take whatever
     * is ready once the pool is full, so nothing waits on a job never submitted. */
    int next = 0;
    for (int i = 0; i < JOBS; i++) {
        jobs[i].n = i;
        if (i >= 8) {
            square_job *j = ent_pool_next(p);
            assert_ptr_equal(j, &jobs[next]);
            assert_int_equal(j->result, (long)next * next);
            next++;
        }
        ent_pool_submit(p, &jobs[i]);
    }
    ent_pool_close(p);
    square_job *j;
    while ((j = ent_pool_next(p)) != NULL) {
        assert_ptr_equal(j, &jobs[next]);
        next++;
    }
    assert_int_equal(next, JOBS);
    ent_pool_destroy(p);
    assert_int_equal(calls[0] + calls[1] + calls[2] + calls[3], JOBS);
    free(jobs);
    assert_true(ent_pool_cpu_count() >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_allocations_are_aligned_and_survive_growth),
        cmocka_unit_test(map_stores_many_keys_including_zero),
        cmocka_unit_test(embedded_data_is_in_the_library),
        cmocka_unit_test(pool_returns_jobs_in_submission_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
