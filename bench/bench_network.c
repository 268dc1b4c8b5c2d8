/*
 * Benchmark of bloc detection on signed networks (not a test). Generates two networks with
 * planted blocs, conflict across them and some noise (one tie in seven has the "wrong"
 * sign), weights like summed Goldstein scores (magnitudes 1 to 20):
 *   - dense: 200 nodes (about the number of states), 6 blocs, about a third of all pairs
 *     tied;
 *   - sparse: 5,000 nodes, 50 blocs, about 10 ties per node;
 * and prints for each, best of ROUNDS on one core:
 *   - the baseline, measured in the same run: signed label propagation (each node, in id
 *     order, takes the label with the largest net weight among its neighbours, until no
 *     label changes), which finds communities but optimises nothing;
 *   - ent_signed_graph_blocs (signed modularity, Louvain with refinement rounds);
 *   - ms, nodes/s, the ratio of the two times, and for both the signed modularity reached,
 *     the number of blocs and their purity against the planted blocs (the share of nodes
 *     that belong to their bloc's most common planted bloc).
 * Usage: bench_network [ROUNDS]   (default 5)
 */
#include "entente/network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint32_t rng = 88172645u;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

typedef struct edge {
    uint32_t a, b;
    double w;
} edge;

typedef struct network {
    size_t n, m;
    uint32_t *planted;
    edge *e;
} network;

/* A tie's weight: positive inside a planted bloc, negative across, 1 in 7 flipped. */
static double tie_weight(const network *net, uint32_t a, uint32_t b)
{
    double w = 1 + next_rand() % 20;
    if (net->planted[a] != net->planted[b])
        w = -w;
    return next_rand() % 7 == 0 ? -w : w;
}

static int dense(network *net, size_t n, uint32_t blocs)
{
    net->n = n;
    net->m = 0;
    net->planted = malloc(n * sizeof *net->planted);
    net->e = malloc(n * (n - 1) / 2 * sizeof *net->e);
    if (!net->planted || !net->e)
        return -1;
    for (size_t i = 0; i < n; i++)
        net->planted[i] = next_rand() % blocs;
    for (uint32_t a = 0; a < n; a++) {
        for (uint32_t b = a + 1; b < n; b++) {
            int same = net->planted[a] == net->planted[b];
            if (next_rand() % 100 < (same ? 50u : 30u))
                net->e[net->m++] = (edge){a, b, tie_weight(net, a, b)};
        }
    }
    return 0;
}

/* Each node draws 3 partners from its own bloc and 2 from anywhere (repeats add up). */
static int sparse(network *net, size_t n, uint32_t blocs)
{
    net->n = n;
    net->m = 0;
    net->planted = malloc(n * sizeof *net->planted);
    net->e = malloc(n * 5 * sizeof *net->e);
    uint32_t *members = malloc(n * sizeof *members);
    size_t *start = calloc(blocs + 1, sizeof *start);
    if (!net->planted || !net->e || !members || !start)
        return -1;
    for (size_t i = 0; i < n; i++) {
        net->planted[i] = (uint32_t)(i % blocs);
        start[i % blocs + 1]++;
    }
    for (size_t c = 0; c < blocs; c++)
        start[c + 1] += start[c];
    for (size_t i = 0; i < n; i++)
        members[start[i % blocs]++] = (uint32_t)i;
    for (size_t c = blocs; c > 0; c--)
        start[c] = start[c - 1];
    start[0] = 0;
    for (uint32_t a = 0; a < n; a++) {
        size_t lo = start[net->planted[a]], size = start[net->planted[a] + 1] - lo;
        for (int k = 0; k < 5; k++) {
            uint32_t b = k < 3 ? members[lo + next_rand() % size] : next_rand() % (uint32_t)n;
            if (b != a)
                net->e[net->m++] = (edge){a, b, tie_weight(net, a, b)};
        }
    }
    free(members);
    free(start);
    return 0;
}

/* ----------------------------------------------------- baseline: label propagation ---- */

typedef struct adjacency {
    size_t *off;
    uint32_t *nbr;
    double *w;
} adjacency;

static int adjacency_of(adjacency *adj, const network *net)
{
    adj->off = calloc(net->n + 1, sizeof *adj->off);
    adj->nbr = malloc(2 * net->m * sizeof *adj->nbr);
    adj->w = malloc(2 * net->m * sizeof *adj->w);
    size_t *pos = malloc((net->n + 1) * sizeof *pos);
    if (!adj->off || !adj->nbr || !adj->w || !pos)
        return -1;
    for (size_t i = 0; i < net->m; i++) {
        adj->off[net->e[i].a + 1]++;
        adj->off[net->e[i].b + 1]++;
    }
    for (size_t u = 0; u < net->n; u++)
        adj->off[u + 1] += adj->off[u];
    memcpy(pos, adj->off, (net->n + 1) * sizeof *pos);
    for (size_t i = 0; i < net->m; i++) {
        const edge *e = &net->e[i];
        adj->nbr[pos[e->a]] = e->b;
        adj->w[pos[e->a]++] = e->w;
        adj->nbr[pos[e->b]] = e->a;
        adj->w[pos[e->b]++] = e->w;
    }
    free(pos);
    return 0;
}

/* Signed label propagation; label[] gets node ids (below n). score and seen are scratch. */
static void label_propagation(uint32_t *label, const adjacency *adj, size_t n, double *score,
                              unsigned char *seen, uint32_t *touched)
{
    for (size_t i = 0; i < n; i++)
        label[i] = (uint32_t)i;
    for (int iter = 0; iter < 100; iter++) {
        size_t changed = 0;
        for (size_t u = 0; u < n; u++) {
            size_t nt = 0;
            for (size_t k = adj->off[u]; k < adj->off[u + 1]; k++) {
                uint32_t l = label[adj->nbr[k]];
                if (!seen[l]) {
                    seen[l] = 1;
                    score[l] = 0;
                    touched[nt++] = l;
                }
                score[l] += adj->w[k];
            }
            uint32_t best = label[u];
            double best_score = seen[best] ? score[best] : 0;
            for (size_t t = 0; t < nt; t++) {
                uint32_t l = touched[t];
                if (score[l] > best_score ||
                    (score[l] == best_score && best_score > 0 && l < best)) {
                    best = l;
                    best_score = score[l];
                }
                seen[l] = 0;
            }
            if (best != label[u]) {
                label[u] = best;
                changed++;
            }
        }
        if (!changed)
            break;
    }
}

/* ------------------------------------------------------------------------ report ---- */

static size_t count_blocs(const uint32_t *label, size_t n, unsigned char *seen)
{
    size_t k = 0;
    memset(seen, 0, n);
    for (size_t i = 0; i < n; i++) {
        if (!seen[label[i]]) {
            seen[label[i]] = 1;
            k++;
        }
    }
    memset(seen, 0, n);
    return k;
}

/* Share of nodes in their bloc's most common planted bloc. */
static double purity(const uint32_t *label, const uint32_t *planted, size_t n, uint32_t nplanted)
{
    size_t *count = calloc(n * (size_t)nplanted, sizeof *count);
    if (!count)
        return -1;
    for (size_t i = 0; i < n; i++)
        count[label[i] * (size_t)nplanted + planted[i]]++;
    size_t right = 0;
    for (size_t l = 0; l < n; l++) {
        size_t best = 0;
        for (uint32_t p = 0; p < nplanted; p++) {
            if (count[l * nplanted + p] > best)
                best = count[l * nplanted + p];
        }
        right += best;
    }
    free(count);
    return (double)right / (double)n;
}

static int run(const char *name, const network *net, uint32_t nplanted, int rounds)
{
    size_t n = net->n;
    ent_signed_graph *g;
    if (ent_signed_graph_create(&g, n) != ENT_OK)
        return -1;
    for (size_t i = 0; i < net->m; i++) {
        if (ent_signed_graph_add(g, net->e[i].a, net->e[i].b, net->e[i].w) != ENT_OK)
            return -1;
    }
    adjacency adj;
    uint32_t *lp = malloc(n * sizeof *lp), *bloc = malloc(n * sizeof *bloc);
    uint32_t *touched = malloc(n * sizeof *touched);
    double *score = malloc(n * sizeof *score);
    unsigned char *seen = calloc(n, 1);
    if (adjacency_of(&adj, net) || !lp || !bloc || !touched || !score || !seen)
        return -1;

    double lp_best = 1e9, lv_best = 1e9, q = 0;
    size_t nblocs = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        label_propagation(lp, &adj, n, score, seen, touched);
        double t1 = now();
        if (ent_signed_graph_blocs(bloc, &nblocs, &q, g) != ENT_OK)
            return -1;
        double t2 = now();
        if (t1 - t0 < lp_best)
            lp_best = t1 - t0;
        if (t2 - t1 < lv_best)
            lv_best = t2 - t1;
    }
    double lp_q;
    if (ent_signed_graph_modularity(&lp_q, g, lp) != ENT_OK)
        return -1;
    double planted_q;
    if (ent_signed_graph_modularity(&planted_q, g, net->planted) != ENT_OK)
        return -1;
    printf("%s: %zu nodes, %zu ties, %u planted blocs (their Q %.4f)\n", name, n,
           ent_signed_graph_ties(g), nplanted, planted_q);
    printf("  label propagation (baseline): %8.2f ms, %10.0f nodes/s; Q %.4f, %zu blocs, "
           "purity %.3f\n",
           lp_best * 1e3, n / lp_best, lp_q, count_blocs(lp, n, seen),
           purity(lp, net->planted, n, nplanted));
    printf("  signed Louvain (entente):     %8.2f ms, %10.0f nodes/s; Q %.4f, %zu blocs, "
           "purity %.3f\n",
           lv_best * 1e3, n / lv_best, q, nblocs, purity(bloc, net->planted, n, nplanted));
    printf("  ratio Louvain / label propagation: %.1fx the baseline's time\n", lv_best / lp_best);
    free(adj.off);
    free(adj.nbr);
    free(adj.w);
    free(lp);
    free(bloc);
    free(touched);
    free(score);
    free(seen);
    ent_signed_graph_destroy(g);
    return 0;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    if (rounds < 1) {
        fprintf(stderr, "usage: bench_network [ROUNDS]\n");
        return 2;
    }
    struct utsname u;
    uname(&u);
    printf("machine: %s %s %s\n", u.sysname, u.release, u.machine);
    network d = {0}, s = {0};
    if (dense(&d, 200, 6) || sparse(&s, 5000, 50)) {
        fprintf(stderr, "bench_network: out of memory\n");
        return 1;
    }
    if (run("dense", &d, 6, rounds) || run("sparse", &s, 50, rounds)) {
        fprintf(stderr, "bench_network: failed\n");
        return 1;
    }
    free(d.planted);
    free(d.e);
    free(s.planted);
    free(s.e);
    return 0;
}
