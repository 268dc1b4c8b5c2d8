/* Tests of util: the arena, the hash map, the embedded data table (the string buffer is
 * tested with the output formats in tests/ingest). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "util/arena.h"
#include "util/embedded.h"
#include "util/u64map.h"

#include <stdalign.h>
#include <stdint.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arena_allocations_are_aligned_and_survive_growth),
        cmocka_unit_test(map_stores_many_keys_including_zero),
        cmocka_unit_test(embedded_data_is_in_the_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
