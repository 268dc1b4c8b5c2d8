/*
 * tests/analysis — the signed network (include/entente/network.h): planted blocs are found
 * again, modularity matches hand computation (and is ordinary modularity without negative
 * ties), triangles are counted and triads classified by balance, alignment behaves as a
 * cosine, and nothing depends on the order ties were added in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "entente/network.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------- helpers ---- */

static uint32_t rng_state;

static uint32_t next_rand(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Uniform in [0, 1). */
static double uniform(void)
{
    return (next_rand() >> 8) / 16777216.0;
}

typedef struct edge {
    uint32_t a, b;
    double w;
} edge;

static ent_signed_graph *graph_of(size_t n, const edge *e, size_t m)
{
    ent_signed_graph *g;
    assert_int_equal(ent_signed_graph_create(&g, n), ENT_OK);
    for (size_t i = 0; i < m; i++)
        assert_int_equal(ent_signed_graph_add(g, e[i].a, e[i].b, e[i].w), ENT_OK);
    return g;
}

/*
 * Ties of a planted partition: every pair gets one with probability 0.85; inside a bloc it
 * is positive, across negative, with a magnitude in [0.5, 1.5); one tie in ten has its sign
 * flipped and a small magnitude (0.1 to 0.4), noise the blocs should survive. Returns the
 * number of ties written into e.
 */
static size_t planted(edge *e, const uint32_t *group, size_t n, uint32_t seed)
{
    rng_state = seed;
    size_t m = 0;
    for (uint32_t a = 0; a < n; a++) {
        for (uint32_t b = a + 1; b < n; b++) {
            if (uniform() >= 0.85)
                continue;
            double sign = group[a] == group[b] ? 1 : -1;
            double w = sign * (0.5 + uniform());
            if (next_rand() % 10 == 0)
                w = -sign * (0.1 + 0.3 * uniform());
            e[m++] = (edge){a, b, w};
        }
    }
    return m;
}

/* bloc is the planted partition group, with blocs numbered by lowest member. */
static void assert_same_partition(const uint32_t *bloc, const uint32_t *group, size_t n)
{
    uint32_t name[64];
    uint32_t next = 0;
    for (size_t i = 0; i < 64; i++)
        name[i] = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        if (name[group[i]] == UINT32_MAX)
            name[group[i]] = next++;
        assert_int_equal(bloc[i], name[group[i]]);
    }
}

/* --------------------------------------------------------------------- blocs ---- */

static void two_planted_blocs_are_recovered(void **state)
{
    (void)state;
    /* Interleaved, so that ids say nothing about the blocs. */
    uint32_t group[20];
    for (size_t i = 0; i < 20; i++)
        group[i] = i % 2;
    edge e[190];
    for (uint32_t seed = 1; seed <= 5; seed++) {
        size_t m = planted(e, group, 20, seed * 7919);
        ent_signed_graph *g = graph_of(20, e, m);
        uint32_t bloc[20];
        size_t nblocs;
        double q;
        assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
        assert_int_equal(nblocs, 2);
        assert_same_partition(bloc, group, 20);
        double q_planted;
        assert_int_equal(ent_signed_graph_modularity(&q_planted, g, group), ENT_OK);
        assert_true(fabs(q - q_planted) < 1e-12);
        assert_true(q > 0.3);
        ent_signed_graph_destroy(g);
    }
}

static void three_planted_blocs_are_recovered(void **state)
{
    (void)state;
    /* Sizes 7, 6 and 8, in a scrambled order. */
    static const uint32_t group[21] = {2, 0, 1, 0, 2, 2, 1, 0, 1, 2, 0,
                                       1, 2, 0, 2, 1, 0, 2, 1, 2, 0};
    edge e[210];
    for (uint32_t seed = 1; seed <= 5; seed++) {
        size_t m = planted(e, group, 21, seed * 104729);
        ent_signed_graph *g = graph_of(21, e, m);
        uint32_t bloc[21];
        size_t nblocs;
        double q;
        assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
        assert_int_equal(nblocs, 3);
        assert_same_partition(bloc, group, 21);
        assert_int_equal(bloc[0], 0);
        ent_signed_graph_destroy(g);
    }
}

/* Two triangles 0-1-2 and 3-4-5 joined by the tie 2-3, all of weight 1. */
static const edge two_triangles[] = {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {3, 4, 1},
                                     {4, 5, 1}, {3, 5, 1}, {2, 3, 1}};

static void without_negative_ties_it_is_ordinary_modularity(void **state)
{
    (void)state;
    ent_signed_graph *g = graph_of(6, two_triangles, 7);
    uint32_t bloc[6];
    size_t nblocs;
    double q;
    assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
    assert_int_equal(nblocs, 2);
    static const uint32_t expect[6] = {0, 0, 0, 1, 1, 1};
    assert_memory_equal(bloc, expect, sizeof expect);
    /* Newman-Girvan: m = 7, each triangle has 3 ties inside and degree sum 7:
     * Q = 2 * (3/7 - (7/14)^2) = 5/14. */
    assert_true(fabs(q - 5.0 / 14) < 1e-12);

    double q_one, q_single;
    static const uint32_t one[6] = {0, 0, 0, 0, 0, 0};
    static const uint32_t single[6] = {0, 1, 2, 3, 4, 5};
    assert_int_equal(ent_signed_graph_modularity(&q_one, g, one), ENT_OK);
    assert_true(fabs(q_one) < 1e-12);
    /* Singletons: -sum k_i^2 / (2m)^2 = -(4 + 4 + 9 + 9 + 4 + 4) / 196. */
    assert_int_equal(ent_signed_graph_modularity(&q_single, g, single), ENT_OK);
    assert_true(fabs(q_single + 34.0 / 196) < 1e-12);
    static const uint32_t bad[6] = {0, 0, 0, 6, 0, 0};
    assert_int_equal(ent_signed_graph_modularity(&q_one, g, bad), ENT_EINVAL);
    ent_signed_graph_destroy(g);
}

static void signed_modularity_matches_hand_computation(void **state)
{
    (void)state;
    /* A square: 0-1 and 2-3 friends, 0-2 and 1-3 enemies. Partition {0,1} {2,3}:
     * 2w+ = 2w- = 4, Q+ = (4 - 8/4)/4 = 1/2, Q- = (0 - 8/4)/4 = -1/2,
     * Q = (4 * 1/2 + 4 * 1/2) / 8 = 1/2. */
    static const edge square[] = {{0, 1, 1}, {2, 3, 1}, {0, 2, -1}, {1, 3, -1}};
    ent_signed_graph *g = graph_of(4, square, 4);
    static const uint32_t split[4] = {0, 0, 1, 1};
    double q;
    assert_int_equal(ent_signed_graph_modularity(&q, g, split), ENT_OK);
    assert_true(fabs(q - 0.5) < 1e-12);
    uint32_t bloc[4];
    size_t nblocs;
    assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
    assert_memory_equal(bloc, split, sizeof split);
    assert_true(fabs(q - 0.5) < 1e-12);
    ent_signed_graph_destroy(g);

    /* Unequal totals: 0-1 +2, 1-2 +1, 0-2 -1, partition {0,1} {2}. k+ = 2, 3, 1 (2w+ = 6),
     * k- = 1, 0, 1 (2w- = 2). Q+ = (4 - (25 + 1)/6)/6 = -1/18, Q- = (0 - (1 + 1)/2)/2 = -1/2,
     * Q = (6 * -1/18 - 2 * -1/2) / 8 = 1/12. */
    static const edge tri[] = {{0, 1, 2}, {1, 2, 1}, {2, 0, -1}};
    g = graph_of(3, tri, 3);
    static const uint32_t part[3] = {0, 0, 1};
    assert_int_equal(ent_signed_graph_modularity(&q, g, part), ENT_OK);
    assert_true(fabs(q - 1.0 / 12) < 1e-12);
    ent_signed_graph_destroy(g);
}

static void a_node_whose_ties_are_all_hostile_stands_alone(void **state)
{
    (void)state;
    /* A friendly square 0-1-2-3 (all six ties +1) and node 4 hostile to all of them. */
    ent_signed_graph *g;
    assert_int_equal(ent_signed_graph_create(&g, 6), ENT_OK);
    for (uint32_t a = 0; a < 4; a++) {
        for (uint32_t b = a + 1; b < 4; b++)
            assert_int_equal(ent_signed_graph_add(g, a, b, 1), ENT_OK);
        assert_int_equal(ent_signed_graph_add(g, a, 4, -2), ENT_OK);
    }
    /* Node 5 has no ties. */
    uint32_t bloc[6];
    size_t nblocs;
    assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, NULL, g), ENT_OK);
    static const uint32_t expect[6] = {0, 0, 0, 0, 1, 2};
    assert_memory_equal(bloc, expect, sizeof expect);
    assert_int_equal(nblocs, 3);
    ent_signed_graph_destroy(g);
}

static void enemies_of_the_same_state_form_a_bloc(void **state)
{
    (void)state;
    /* Friends 0-3 (all six ties +1); 4 and 5 each hostile (-1) to all four and never in
     * touch with each other. 2w+ = 12, 2w- = 16. With {0..3} {4, 5}: inside 12, positive
     * null 12^2 / 12 = 12, negative null (8^2 + 8^2) / 16 = 8, Q = (12 - 12 + 8) / 28 = 2/7;
     * apart, {4} {5} would give (8^2 + 4^2 + 4^2) / 16 = 6 and Q = 3/14 only. */
    ent_signed_graph *g;
    assert_int_equal(ent_signed_graph_create(&g, 6), ENT_OK);
    for (uint32_t a = 0; a < 4; a++) {
        for (uint32_t b = a + 1; b < 4; b++)
            assert_int_equal(ent_signed_graph_add(g, a, b, 1), ENT_OK);
        assert_int_equal(ent_signed_graph_add(g, 4, a, -1), ENT_OK);
        assert_int_equal(ent_signed_graph_add(g, 5, a, -1), ENT_OK);
    }
    uint32_t bloc[6];
    size_t nblocs;
    double q;
    assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
    static const uint32_t expect[6] = {0, 0, 0, 0, 1, 1};
    assert_memory_equal(bloc, expect, sizeof expect);
    assert_int_equal(nblocs, 2);
    assert_true(fabs(q - 2.0 / 7) < 1e-12);
    ent_signed_graph_destroy(g);
}

static void a_node_can_leave_for_a_bloc_of_its_own(void **state)
{
    (void)state;
    /* 1-2 friends (+2); 0 and 3 each hostile to 1 (-2, -1) and to one another (-1); 3 also
     * to 2 (-1). Visited in order, 0 first joins 2 (both have negative ties and none between
     * them, which the null model counts in their favour), then 1 joins its friend 2, and 0,
     * now in a bloc with its enemy 1 and better off nowhere else, leaves for a bloc of its
     * own. 2w+ = 4, 2w- = 10;
     * {0} {1,2} {3}: inside 4, positive null 4^2 / 4 = 4, negative null
     * (3^2 + 4^2 + 3^2) / 10 = 3.4, Q = 3.4 / 14 = 17/70 (the best of all 15 partitions);
     * {0,3} {1,2} would give (2 - 4 + 5.2) / 14 = 16/70. */
    static const edge e[] = {{0, 1, -2}, {0, 3, -1}, {1, 2, 2}, {1, 3, -1}, {2, 3, -1}};
    ent_signed_graph *g = graph_of(4, e, 5);
    uint32_t bloc[4];
    size_t nblocs;
    double q;
    assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
    static const uint32_t expect[4] = {0, 1, 1, 2};
    assert_memory_equal(bloc, expect, sizeof expect);
    assert_int_equal(nblocs, 3);
    assert_true(fabs(q - 17.0 / 70) < 1e-12);
    ent_signed_graph_destroy(g);
}

static void cliques_in_a_ring_merge_in_pairs(void **state)
{
    (void)state;
    /* 30 cliques of 5 (ties +1) in a ring, each joined to the next by one tie: the best
     * partitions pair neighbouring cliques (modularity's resolution limit), which local moves
     * alone do not reach: it takes aggregation. m = 330; a pair has 21 ties inside and
     * degree sum 44, so Q = 15 (21/330 - (44/660)^2). */
    enum { CLIQUES = 30, SIZE = 5, N = CLIQUES * SIZE };
    ent_signed_graph *g;
    assert_int_equal(ent_signed_graph_create(&g, N), ENT_OK);
    for (uint32_t c = 0; c < CLIQUES; c++) {
        for (uint32_t a = 0; a < SIZE; a++) {
            for (uint32_t b = a + 1; b < SIZE; b++)
                assert_int_equal(ent_signed_graph_add(g, c * SIZE + a, c * SIZE + b, 1), ENT_OK);
        }
        assert_int_equal(ent_signed_graph_add(g, c * SIZE, (c + 1) % CLIQUES * SIZE + 1, 1),
                         ENT_OK);
    }
    uint32_t bloc[N];
    size_t nblocs;
    double q;
    assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
    assert_int_equal(nblocs, CLIQUES / 2);
    for (uint32_t c = 0; c < CLIQUES; c++) {
        for (uint32_t a = 1; a < SIZE; a++)
            assert_int_equal(bloc[c * SIZE + a], bloc[c * SIZE]);
    }
    /* Each bloc is two neighbouring cliques. */
    for (uint32_t c = 0; c < CLIQUES; c++) {
        uint32_t prev = bloc[(c + CLIQUES - 1) % CLIQUES * SIZE],
                 next = bloc[(c + 1) % CLIQUES * SIZE];
        assert_true((prev == bloc[c * SIZE]) != (next == bloc[c * SIZE]));
    }
    double expect = 15 * (21.0 / 330 - (44.0 / 660) * (44.0 / 660));
    assert_true(fabs(q - expect) < 1e-12);
    ent_signed_graph_destroy(g);
}

static void no_single_move_improves_the_blocs(void **state)
{
    (void)state;
    /* Random signed graphs without planted structure, where greedy moves are close calls:
     * whatever the hierarchy did, no node is left where moving it to another bloc, or to a
     * bloc of its own, would raise Q. */
    enum { N = 30 };
    for (uint32_t seed = 1; seed <= 6; seed++) {
        rng_state = seed * 2654435761u;
        ent_signed_graph *g;
        assert_int_equal(ent_signed_graph_create(&g, N), ENT_OK);
        for (uint32_t a = 0; a < N; a++) {
            for (uint32_t b = a + 1; b < N; b++) {
                if (uniform() < 0.25)
                    assert_int_equal(
                        ent_signed_graph_add(g, a, b, (double)(int)(next_rand() % 11) - 5), ENT_OK);
            }
        }
        uint32_t bloc[N];
        size_t nblocs;
        double q;
        assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
        assert_true(nblocs > 1 && nblocs < N);
        for (size_t i = 0; i < N; i++) {
            uint32_t own = bloc[i];
            for (uint32_t b = 0; b <= nblocs && b < N; b++) {
                double moved;
                bloc[i] = b; /* b == nblocs: a new bloc */
                assert_int_equal(ent_signed_graph_modularity(&moved, g, bloc), ENT_OK);
                assert_true(moved <= q + 1e-12);
            }
            bloc[i] = own;
        }
        ent_signed_graph_destroy(g);
    }
}

static void blocs_do_not_depend_on_the_order_of_ties(void **state)
{
    (void)state;
    /* Four blocs of 15 with heavy noise, so that many moves are close calls. */
    enum { N = 60 };
    uint32_t group[N];
    for (size_t i = 0; i < N; i++)
        group[i] = (uint32_t)(i * 7 % 4);
    static edge e[N * (N - 1) / 2];
    rng_state = 12345;
    size_t m = 0;
    for (uint32_t a = 0; a < N; a++) {
        for (uint32_t b = a + 1; b < N; b++) {
            if (uniform() >= 0.3)
                continue;
            double w = (group[a] == group[b] ? 1 : -1) * uniform();
            if (next_rand() % 3 == 0)
                w = -w;
            e[m++] = (edge){a, b, w};
        }
    }
    ent_signed_graph *g = graph_of(N, e, m);
    uint32_t first[N], again[N], other[N];
    size_t n1, n2, n3;
    double q1, q2, q3;
    assert_int_equal(ent_signed_graph_blocs(first, &n1, &q1, g), ENT_OK);
    assert_int_equal(ent_signed_graph_blocs(again, &n2, &q2, g), ENT_OK);
    assert_memory_equal(first, again, sizeof first);
    assert_int_equal(n1, n2);
    assert_true(q1 == q2);
    ent_signed_graph_destroy(g);

    /* Reversed, with every tie written b-a, then shuffled. */
    for (size_t i = 0; i < m / 2; i++) {
        edge t = e[i];
        e[i] = e[m - 1 - i];
        e[m - 1 - i] = t;
    }
    for (size_t i = 0; i < m; i++) {
        uint32_t t = e[i].a;
        e[i].a = e[i].b;
        e[i].b = t;
    }
    for (int pass = 0; pass < 2; pass++) {
        g = graph_of(N, e, m);
        assert_int_equal(ent_signed_graph_blocs(other, &n3, &q3, g), ENT_OK);
        assert_memory_equal(first, other, sizeof first);
        assert_int_equal(n1, n3);
        assert_true(q1 == q3);
        ent_signed_graph_destroy(g);
        for (size_t i = m; i > 1; i--) {
            size_t j = next_rand() % i;
            edge t = e[i - 1];
            e[i - 1] = e[j];
            e[j] = t;
        }
    }
    /* And the result is a good partition: better than the planted blocs' own Q is not
     * required, but better than no structure. */
    assert_true(q1 > 0);
}

/* ------------------------------------------------------------------- balance ---- */

static void balanced_and_unbalanced_triangles_are_counted(void **state)
{
    (void)state;
    /* Three friends 0, 1, 2 against a common enemy 3: all four triangles balanced. */
    static const edge k4[] = {{0, 1, 1}, {0, 2, 2}, {1, 2, 3}, {0, 3, -1}, {1, 3, -2}, {2, 3, -3}};
    ent_signed_graph *g = graph_of(4, k4, 6);
    ent_balance b;
    assert_int_equal(ent_signed_graph_balance(&b, g), ENT_OK);
    assert_int_equal(b.triangles, 4);
    assert_int_equal(b.balanced, 4);
    assert_int_equal(b.unbalanced, 0);
    assert_int_equal(b.by_negative[0], 1);
    assert_int_equal(b.by_negative[2], 3);
    double f;
    static const uint32_t split[4] = {0, 0, 0, 1};
    assert_int_equal(ent_signed_graph_frustration(&f, g, split), ENT_OK);
    assert_true(f == 0);
    ent_signed_graph_destroy(g);

    /* 0-1 +, 1-2 +, 0-2 -: the friend of my friend is my enemy; 4, 5, 6 mutual enemies;
     * 0-3 added twice with opposite signs is no tie, so 0-2-3 is no triangle; 7 hangs off. */
    static const edge mixed[] = {{0, 1, 5},  {1, 2, 1},  {2, 0, -2}, {2, 3, 1},  {0, 3, 2},
                                 {3, 0, -2}, {4, 5, -1}, {5, 6, -1}, {6, 4, -1}, {6, 7, 4}};
    g = graph_of(8, mixed, 10);
    assert_int_equal(ent_signed_graph_ties(g), 8);
    assert_int_equal(ent_signed_graph_balance(&b, g), ENT_OK);
    assert_int_equal(b.triangles, 2);
    assert_int_equal(b.balanced, 0);
    assert_int_equal(b.unbalanced, 2);
    assert_int_equal(b.by_negative[1], 1);
    assert_int_equal(b.by_negative[3], 1);
    ent_signed_graph_destroy(g);
}

static void triangle_counts_match_brute_force(void **state)
{
    (void)state;
    enum { N = 40 };
    ent_signed_graph *g;
    assert_int_equal(ent_signed_graph_create(&g, N), ENT_OK);
    rng_state = 99;
    for (int k = 0; k < 400; k++) {
        uint32_t a = next_rand() % N, b = next_rand() % N;
        assert_int_equal(ent_signed_graph_add(g, a, b, (double)(int)(next_rand() % 7) - 3), ENT_OK);
    }
    uint64_t count[4] = {0};
    for (uint32_t a = 0; a < N; a++) {
        for (uint32_t b = a + 1; b < N; b++) {
            for (uint32_t c = b + 1; c < N; c++) {
                double x = ent_signed_graph_weight(g, a, b), y = ent_signed_graph_weight(g, b, c),
                       z = ent_signed_graph_weight(g, a, c);
                if (x != 0 && y != 0 && z != 0)
                    count[(x < 0) + (y < 0) + (z < 0)]++;
            }
        }
    }
    ent_balance bal;
    assert_int_equal(ent_signed_graph_balance(&bal, g), ENT_OK);
    assert_true(bal.triangles > 20);
    for (int i = 0; i < 4; i++)
        assert_int_equal(bal.by_negative[i], count[i]);
    assert_int_equal(bal.balanced, count[0] + count[2]);
    assert_int_equal(bal.unbalanced, count[1] + count[3]);
    ent_signed_graph_destroy(g);
}

static void frustration_counts_disagreeing_weight(void **state)
{
    (void)state;
    static const edge square[] = {{0, 1, 1.5}, {2, 3, 1}, {0, 2, -1}, {1, 3, -2}};
    ent_signed_graph *g = graph_of(4, square, 4);
    double f;
    static const uint32_t right[4] = {7, 7, 3, 3}, one[4] = {0, 0, 0, 0}, wrong[4] = {0, 1, 0, 1};
    assert_int_equal(ent_signed_graph_frustration(&f, g, right), ENT_OK);
    assert_true(f == 0);
    assert_int_equal(ent_signed_graph_frustration(&f, g, one), ENT_OK);
    assert_true(f == 3); /* the two enemies' ties inside */
    assert_int_equal(ent_signed_graph_frustration(&f, g, wrong), ENT_OK);
    assert_true(f == 5.5); /* everything disagrees */
    ent_signed_graph_destroy(g);
}

static void every_sign_pattern_is_classified(void **state)
{
    (void)state;
    static const int signs[3] = {-1, 0, 1};
    int seen[5] = {0};
    for (int i = 0; i < 27; i++) {
        int ab = signs[i % 3], bc = signs[i / 3 % 3], ca = signs[i / 9];
        ent_triad t;
        /* Any magnitude counts only by its sign. */
        ent_triad_classify(&t, ab * 5, bc * 2, ca * 9);
        assert_int_equal(t.sign_ab, ab);
        assert_int_equal(t.sign_bc, bc);
        assert_int_equal(t.sign_ca, ca);
        seen[t.kind]++;
        if (!ab || !bc || !ca) {
            assert_int_equal(t.kind, ENT_TRIAD_OPEN);
            assert_int_equal(t.balance, 0);
            assert_int_equal(t.pivot, -1);
            assert_string_equal(ent_triad_phrase(t.kind), "");
            continue;
        }
        assert_int_equal(t.balance, ab * bc * ca);
        int neg = (ab < 0) + (bc < 0) + (ca < 0);
        static const ent_triad_kind expect[4] = {ENT_TRIAD_FRIENDS, ENT_TRIAD_FRIEND_ENEMY,
                                                 ENT_TRIAD_COMMON_ENEMY, ENT_TRIAD_ENEMIES};
        assert_int_equal(t.kind, expect[neg]);
        if (neg == 0 || neg == 3)
            assert_int_equal(t.pivot, -1);
    }
    assert_int_equal(seen[ENT_TRIAD_OPEN], 27 - 8);
    assert_int_equal(seen[ENT_TRIAD_FRIENDS], 1);
    assert_int_equal(seen[ENT_TRIAD_FRIEND_ENEMY], 3);
    assert_int_equal(seen[ENT_TRIAD_COMMON_ENEMY], 3);
    assert_int_equal(seen[ENT_TRIAD_ENEMIES], 1);

    /* The pivot, pattern by pattern. */
    ent_triad t;
    ent_triad_classify(&t, 1, 1, -1); /* a-b, b-c friends, c-a enemies: b between them */
    assert_int_equal(t.pivot, 1);
    ent_triad_classify(&t, -1, 1, 1);
    assert_int_equal(t.pivot, 2);
    ent_triad_classify(&t, 1, -1, 1);
    assert_int_equal(t.pivot, 0);
    ent_triad_classify(&t, 1, -1, -1); /* a, b friends; c their common enemy */
    assert_int_equal(t.pivot, 2);
    ent_triad_classify(&t, -1, 1, -1);
    assert_int_equal(t.pivot, 0);
    ent_triad_classify(&t, -1, -1, 1);
    assert_int_equal(t.pivot, 1);
    assert_string_equal(ent_triad_phrase(ENT_TRIAD_FRIENDS),
                        "the friend of my friend is my friend");
    assert_string_equal(ent_triad_phrase(ENT_TRIAD_COMMON_ENEMY),
                        "the enemy of my enemy is my friend");
    assert_string_equal(ent_triad_phrase(ENT_TRIAD_ENEMIES), "the enemy of my enemy is my enemy");
}

static void a_triad_of_states_is_read_from_the_graph(void **state)
{
    (void)state;
    enum { IRN, RUS, ISR, USA };
    ent_signed_graph *g;
    assert_int_equal(ent_signed_graph_create(&g, 4), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, IRN, RUS, 30), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, ISR, RUS, 5), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, IRN, ISR, -40), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, ISR, USA, 50), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, USA, IRN, -60), ENT_OK);
    ent_triad t;
    assert_int_equal(ent_signed_graph_triad(&t, g, IRN, RUS, ISR), ENT_OK);
    assert_int_equal(t.sign_ab, 1);
    assert_int_equal(t.sign_bc, 1);
    assert_int_equal(t.sign_ca, -1);
    assert_int_equal(t.balance, -1);
    assert_int_equal(t.kind, ENT_TRIAD_FRIEND_ENEMY);
    assert_int_equal(t.pivot, 1); /* Russia, friend of two enemies */
    assert_string_equal(ent_triad_phrase(t.kind), "the friend of my friend is my enemy");

    assert_int_equal(ent_signed_graph_triad(&t, g, ISR, USA, IRN), ENT_OK);
    assert_int_equal(t.kind, ENT_TRIAD_COMMON_ENEMY);
    assert_int_equal(t.balance, 1);
    assert_int_equal(t.pivot, 2); /* Iran, the common enemy */

    assert_int_equal(ent_signed_graph_triad(&t, g, RUS, USA, IRN), ENT_OK);
    assert_int_equal(t.kind, ENT_TRIAD_OPEN); /* no RUS-USA tie */
    assert_int_equal(t.sign_ab, 0);

    assert_int_equal(ent_signed_graph_triad(&t, g, IRN, IRN, ISR), ENT_EINVAL);
    assert_int_equal(ent_signed_graph_triad(&t, g, IRN, RUS, 4), ENT_EINVAL);
    ent_signed_graph_destroy(g);
}

/* ----------------------------------------------------------------- alignment ---- */

static void alignment_is_the_cosine_of_relations(void **state)
{
    (void)state;
    ent_signed_graph *g;
    assert_int_equal(ent_signed_graph_create(&g, 12), ENT_OK);
    /* 0 and 1 relate alike to 2, 3, 4; 10 and 11 fight each other, a tie left out when
     * they are compared. */
    static const edge e[] = {{0, 2, 2},  {0, 3, -3}, {0, 4, 1},  {1, 2, 2},  {1, 3, -3},
                             {1, 4, 1},  {5, 2, -2}, {5, 3, 3},  {5, 4, -1}, /* 5 opposite 0 */
                             {6, 7, 1},  {6, 8, -1},                         /* 6 elsewhere */
                             {9, 2, 4},  {9, 3, -6}, {9, 4, 2},              /* 9 = 2 x 0 */
                             {10, 2, 1}, {10, 3, 1}, {11, 2, 1}, {11, 4, 1}, {10, 11, 9}};
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
        assert_int_equal(ent_signed_graph_add(g, e[i].a, e[i].b, e[i].w), ENT_OK);
    double r;
    assert_int_equal(ent_signed_graph_alignment(&r, g, 0, 1), ENT_OK);
    assert_true(fabs(r - 1) < 1e-12);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 1, 0), ENT_OK);
    assert_true(fabs(r - 1) < 1e-12);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 0, 5), ENT_OK);
    assert_true(fabs(r + 1) < 1e-12);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 0, 6), ENT_OK);
    assert_true(r == 0);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 0, 9), ENT_OK);
    assert_true(fabs(r - 1) < 1e-12);
    /* (1, 1, 0) against (1, 0, 1) over nodes 2, 3, 4: 1/2. */
    assert_int_equal(ent_signed_graph_alignment(&r, g, 10, 11), ENT_OK);
    assert_true(fabs(r - 0.5) < 1e-12);
    /* 0 = (2 @2, -3 @3, 1 @4) and 10 = (1 @2, 1 @3, 9 @11): dot = 2 - 3 = -1,
     * |0| = sqrt(14), |10| = sqrt(83). */
    assert_int_equal(ent_signed_graph_alignment(&r, g, 0, 10), ENT_OK);
    assert_true(fabs(r - -1 / (sqrt(14) * sqrt(83))) < 1e-12);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 3, 3), ENT_OK);
    assert_true(r == 1);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 0, 12), ENT_EINVAL);
    ent_signed_graph_destroy(g);

    /* A node without ties, or whose only tie is to the other: 0. */
    assert_int_equal(ent_signed_graph_create(&g, 3), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, 0, 1, 3), ENT_OK);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 0, 1), ENT_OK);
    assert_true(r == 0);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 0, 2), ENT_OK);
    assert_true(r == 0);
    assert_int_equal(ent_signed_graph_alignment(&r, g, 2, 2), ENT_OK);
    assert_true(r == 0);
    ent_signed_graph_destroy(g);
}

/* ---------------------------------------------------------------- edge cases ---- */

static void empty_and_tiny_graphs(void **state)
{
    (void)state;
    ent_signed_graph *g;
    size_t nblocs = 99;
    double q = 99;
    ent_balance b;

    assert_int_equal(ent_signed_graph_create(&g, 0), ENT_OK);
    assert_int_equal(ent_signed_graph_nodes(g), 0);
    assert_int_equal(ent_signed_graph_blocs(NULL, &nblocs, &q, g), ENT_OK);
    assert_int_equal(nblocs, 0);
    assert_true(q == 0);
    assert_int_equal(ent_signed_graph_balance(&b, g), ENT_OK);
    assert_int_equal(b.triangles, 0);
    assert_int_equal(ent_signed_graph_add(g, 0, 0, 1), ENT_EINVAL);
    ent_signed_graph_destroy(g);

    assert_int_equal(ent_signed_graph_create(&g, 1), ENT_OK);
    uint32_t one = 99;
    assert_int_equal(ent_signed_graph_add(g, 0, 0, 5), ENT_OK); /* self tie: ignored */
    assert_int_equal(ent_signed_graph_ties(g), 0);
    assert_int_equal(ent_signed_graph_blocs(&one, &nblocs, &q, g), ENT_OK);
    assert_int_equal(one, 0);
    assert_int_equal(nblocs, 1);
    assert_true(q == 0);
    assert_int_equal(ent_signed_graph_blocs(NULL, &nblocs, &q, g), ENT_EINVAL);
    ent_signed_graph_destroy(g);

    /* Five nodes, no ties (one added and cancelled): five blocs, Q = 0. */
    assert_int_equal(ent_signed_graph_create(&g, 5), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, 1, 3, 2.5), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, 3, 1, -2.5), ENT_OK);
    assert_int_equal(ent_signed_graph_ties(g), 0);
    assert_true(ent_signed_graph_weight(g, 1, 3) == 0);
    uint32_t bloc[5];
    assert_int_equal(ent_signed_graph_blocs(bloc, &nblocs, &q, g), ENT_OK);
    static const uint32_t each[5] = {0, 1, 2, 3, 4};
    assert_memory_equal(bloc, each, sizeof each);
    assert_int_equal(nblocs, 5);
    assert_true(q == 0);
    assert_int_equal(ent_signed_graph_balance(&b, g), ENT_OK);
    assert_int_equal(b.triangles, 0);
    assert_int_equal(ent_signed_graph_modularity(&q, g, each), ENT_OK);
    assert_true(q == 0);

    /* Bad input is refused and changes nothing. */
    assert_int_equal(ent_signed_graph_add(g, 0, 5, 1), ENT_EINVAL);
    assert_int_equal(ent_signed_graph_add(g, 0, 1, NAN), ENT_EINVAL);
    assert_int_equal(ent_signed_graph_add(g, 0, 1, INFINITY), ENT_EINVAL);
    assert_int_equal(ent_signed_graph_add(g, 0, 1, 1e308), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, 1, 0, 1e308), ENT_EINVAL); /* would overflow */
    assert_true(ent_signed_graph_weight(g, 0, 1) == 1e308);
    assert_true(ent_signed_graph_weight(g, 0, 9) == 0);
    assert_int_equal(ent_signed_graph_ties(g), 1);
    /* Repeated additions sum. */
    assert_int_equal(ent_signed_graph_add(g, 2, 4, 1.5), ENT_OK);
    assert_int_equal(ent_signed_graph_add(g, 4, 2, -4), ENT_OK);
    assert_true(ent_signed_graph_weight(g, 2, 4) == -2.5);
    assert_int_equal(ent_signed_graph_ties(g), 2);
    ent_signed_graph_destroy(g);

    ent_signed_graph_destroy(NULL);
    assert_int_equal(ent_signed_graph_create(&g, (size_t)UINT32_MAX), ENT_EINVAL);
    assert_null(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_planted_blocs_are_recovered),
        cmocka_unit_test(three_planted_blocs_are_recovered),
        cmocka_unit_test(without_negative_ties_it_is_ordinary_modularity),
        cmocka_unit_test(signed_modularity_matches_hand_computation),
        cmocka_unit_test(a_node_whose_ties_are_all_hostile_stands_alone),
        cmocka_unit_test(enemies_of_the_same_state_form_a_bloc),
        cmocka_unit_test(a_node_can_leave_for_a_bloc_of_its_own),
        cmocka_unit_test(cliques_in_a_ring_merge_in_pairs),
        cmocka_unit_test(no_single_move_improves_the_blocs),
        cmocka_unit_test(blocs_do_not_depend_on_the_order_of_ties),
        cmocka_unit_test(balanced_and_unbalanced_triangles_are_counted),
        cmocka_unit_test(triangle_counts_match_brute_force),
        cmocka_unit_test(frustration_counts_disagreeing_weight),
        cmocka_unit_test(every_sign_pattern_is_classified),
        cmocka_unit_test(a_triad_of_states_is_read_from_the_graph),
        cmocka_unit_test(alignment_is_the_cosine_of_relations),
        cmocka_unit_test(empty_and_tiny_graphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
