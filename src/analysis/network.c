/*
 * analysis — the signed network of states (include/entente/network.h): tie storage, blocs by
 * signed modularity with the Louvain method, structural balance, frustration, alignment.
 * Pure computations: nothing here reads the store or knows the states' names.
 */
#include "entente/network.h"

#include "util/u64map.h"
#include "util/vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A pass over all nodes that still moves some is rare after a few dozen; the cap only
 * guarantees termination should rounding ever make two moves undo each other. */
#define MAX_PASSES 1000

/* ------------------------------------------------------------------- the graph ---- */

typedef struct tie {
    uint32_t a, b; /* a < b */
    double w;      /* running sum; 0 means no tie */
} tie;

typedef struct incidence {
    uint32_t *ties; /* indexes into ent_signed_graph.ties */
    size_t count, cap;
} incidence;

struct ent_signed_graph {
    size_t n;
    tie *ties; /* in the order first added */
    size_t nties, cap;
    size_t nonzero;   /* ties whose weight is not 0 */
    ent_u64map index; /* pair_key(a, b) -> tie */
    incidence *at;    /* ties at each node, so a node's neighbours need no search */
};

/* Never 0 (a < b, so b >= 1), which the map reserves. */
static uint64_t pair_key(uint32_t a, uint32_t b)
{
    return (uint64_t)a << 32 | b;
}

int ent_signed_graph_create(ent_signed_graph **out, size_t n)
{
    *out = NULL;
    if (n >= UINT32_MAX)
        return ENT_EINVAL;
    ent_signed_graph *g = calloc(1, sizeof *g);
    if (!g)
        return ENT_ENOMEM;
    g->n = n;
    if (n) {
        g->at = calloc(n, sizeof *g->at);
        if (!g->at) {
            free(g);
            return ENT_ENOMEM;
        }
    }
    *out = g;
    return ENT_OK;
}

void ent_signed_graph_destroy(ent_signed_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++)
        free(g->at[i].ties);
    free(g->at);
    free(g->ties);
    ent_u64map_free(&g->index);
    free(g);
}

int ent_signed_graph_add(ent_signed_graph *g, uint32_t a, uint32_t b, double weight)
{
    if (!g || a >= g->n || b >= g->n || !isfinite(weight))
        return ENT_EINVAL;
    if (a == b)
        return ENT_OK;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    uint32_t *found = ent_u64map_get(&g->index, pair_key(a, b));
    if (found) {
        tie *t = &g->ties[*found];
        double sum = t->w + weight;
        if (!isfinite(sum))
            return ENT_EINVAL;
        g->nonzero += (sum != 0) - (t->w != 0);
        t->w = sum;
        return ENT_OK;
    }
    if (weight == 0)
        return ENT_OK;
    if (g->nties >= UINT32_MAX - 1)
        return ENT_ENOMEM;
    /* Make every room first and insert into the map last, so a failure leaves no trace. */
    incidence *ia = &g->at[a], *ib = &g->at[b];
    if (ent_vec_reserve((void **)&g->ties, &g->cap, g->nties + 1, sizeof *g->ties) ||
        ent_vec_reserve((void **)&ia->ties, &ia->cap, ia->count + 1, sizeof *ia->ties) ||
        ent_vec_reserve((void **)&ib->ties, &ib->cap, ib->count + 1, sizeof *ib->ties) ||
        ent_u64map_put(&g->index, pair_key(a, b), (uint32_t)g->nties))
        return ENT_ENOMEM;
    ia->ties[ia->count++] = (uint32_t)g->nties;
    ib->ties[ib->count++] = (uint32_t)g->nties;
    g->ties[g->nties++] = (tie){a, b, weight};
    g->nonzero++;
    return ENT_OK;
}

size_t ent_signed_graph_nodes(const ent_signed_graph *g)
{
    return g ? g->n : 0;
}

size_t ent_signed_graph_ties(const ent_signed_graph *g)
{
    return g ? g->nonzero : 0;
}

double ent_signed_graph_weight(const ent_signed_graph *g, uint32_t a, uint32_t b)
{
    if (!g || a >= g->n || b >= g->n || a == b)
        return 0;
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    const uint32_t *found = ent_u64map_get(&g->index, pair_key(a, b));
    return found ? g->ties[*found].w : 0;
}

/* ----------------------------------------------------------- adjacency arrays ---- */

/*
 * Compressed adjacency: node u's neighbours are nbr[off[u] .. off[u+1]), in increasing order,
 * each with the weight of the tie. Every computation that sums over neighbours walks this
 * form, so its result depends on the ties only, not on the order they were added in.
 */
typedef struct csr {
    size_t n;
    size_t *off; /* n + 1 */
    uint32_t *nbr;
    double *w;
} csr;

static void csr_free(csr *c)
{
    free(c->off);
    free(c->nbr);
    free(c->w);
    memset(c, 0, sizeof *c);
}

static int csr_build(csr *out, const ent_signed_graph *g)
{
    size_t n = g->n, arcs = 2 * g->nonzero;
    memset(out, 0, sizeof *out);
    out->n = n;
    out->off = calloc(n + 1, sizeof *out->off);
    size_t *pos = malloc((n + 1) * sizeof *pos);
    out->nbr = malloc((arcs ? arcs : 1) * sizeof *out->nbr);
    out->w = malloc((arcs ? arcs : 1) * sizeof *out->w);
    uint32_t *src = malloc((arcs ? arcs : 1) * sizeof *src);
    double *srcw = malloc((arcs ? arcs : 1) * sizeof *srcw);
    if (!out->off || !pos || !out->nbr || !out->w || !src || !srcw) {
        free(pos);
        free(src);
        free(srcw);
        csr_free(out);
        return ENT_ENOMEM;
    }
    for (size_t e = 0; e < g->nties; e++) {
        if (g->ties[e].w != 0) {
            out->off[g->ties[e].a + 1]++;
            out->off[g->ties[e].b + 1]++;
        }
    }
    for (size_t u = 0; u < n; u++)
        out->off[u + 1] += out->off[u];
    /* Two counting sorts: first every arc into the bucket of its head, then, heads taken in
     * increasing order, each arc into its tail's list, which comes out sorted. */
    memcpy(pos, out->off, (n + 1) * sizeof *pos);
    for (size_t e = 0; e < g->nties; e++) {
        const tie *t = &g->ties[e];
        if (t->w == 0)
            continue;
        src[pos[t->b]] = t->a;
        srcw[pos[t->b]++] = t->w;
        src[pos[t->a]] = t->b;
        srcw[pos[t->a]++] = t->w;
    }
    memcpy(pos, out->off, (n + 1) * sizeof *pos);
    for (size_t v = 0; v < n; v++) {
        for (size_t p = out->off[v]; p < out->off[v + 1]; p++) {
            uint32_t u = src[p];
            out->nbr[pos[u]] = (uint32_t)v;
            out->w[pos[u]++] = srcw[p];
        }
    }
    free(pos);
    free(src);
    free(srcw);
    return ENT_OK;
}

/* Positive and negative strengths of each node, and their totals (2w+ and 2w-). */
static void strengths(double *kpos, double *kneg, double *m2pos, double *m2neg, const csr *c)
{
    *m2pos = *m2neg = 0;
    for (size_t u = 0; u < c->n; u++) {
        double p = 0, q = 0;
        for (size_t k = c->off[u]; k < c->off[u + 1]; k++) {
            if (c->w[k] > 0)
                p += c->w[k];
            else
                q -= c->w[k];
        }
        kpos[u] = p;
        kneg[u] = q;
        *m2pos += p;
        *m2neg += q;
    }
}

/* ------------------------------------------------------------------ modularity ---- */

/*
 * Signed modularity of a partition whose bloc numbers are below c->n. tp, tn and kp, kn are
 * scratch arrays of c->n doubles. In one expression:
 *   Q = [ sum_ij (A_ij - k+_i k+_j / 2w+ + k-_i k-_j / 2w-) d(c_i, c_j) ] / (2w+ + 2w-),
 * which is (2w+ Q+ - 2w- Q-) / (2w+ + 2w-); a term whose total 2w+ or 2w- is 0 drops out.
 */
static double modularity_of(const csr *c, const uint32_t *bloc, double *kp, double *kn, double *tp,
                            double *tn)
{
    double m2pos, m2neg;
    strengths(kp, kn, &m2pos, &m2neg, c);
    if (m2pos + m2neg == 0)
        return 0;
    double inside = 0;
    for (size_t u = 0; u < c->n; u++) {
        tp[u] = tn[u] = 0;
        for (size_t k = c->off[u]; k < c->off[u + 1]; k++) {
            if (bloc[c->nbr[k]] == bloc[u])
                inside += c->w[k];
        }
    }
    for (size_t u = 0; u < c->n; u++) {
        tp[bloc[u]] += kp[u];
        tn[bloc[u]] += kn[u];
    }
    double null_pos = 0, null_neg = 0;
    for (size_t b = 0; b < c->n; b++) {
        null_pos += tp[b] * tp[b];
        null_neg += tn[b] * tn[b];
    }
    double q = inside;
    if (m2pos > 0)
        q -= null_pos / m2pos;
    if (m2neg > 0)
        q += null_neg / m2neg;
    return q / (m2pos + m2neg);
}

int ent_signed_graph_modularity(double *out, const ent_signed_graph *g, const uint32_t *bloc)
{
    *out = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (bloc[i] >= g->n)
            return ENT_EINVAL;
    }
    if (!g->n)
        return ENT_OK;
    csr c;
    if (csr_build(&c, g))
        return ENT_ENOMEM;
    double *scratch = malloc(4 * g->n * sizeof *scratch);
    if (!scratch) {
        csr_free(&c);
        return ENT_ENOMEM;
    }
    *out = modularity_of(&c, bloc, scratch, scratch + g->n, scratch + 2 * g->n, scratch + 3 * g->n);
    free(scratch);
    csr_free(&c);
    return ENT_OK;
}

/* ---------------------------------------------------------------------- Louvain ---- */

/*
 * One level of the Louvain hierarchy: a graph whose nodes are the communities of the level
 * below. Arc weights are net signed sums, which is enough because the first term of Q is
 * linear in the weights; the null-model terms need the positive and negative strengths of
 * the original nodes, which merging would blur (a +3 and a -3 tie net to nothing), so they
 * are carried up separately. Ties inside a node add the same to Q whatever its community,
 * so they are not kept.
 */
typedef struct level {
    csr g;
    int owns_g; /* level 0 borrows the adjacency built for the caller's graph */
    double *kpos, *kneg;
} level;

static void level_free(level *l)
{
    if (l->owns_g)
        csr_free(&l->g);
    free(l->kpos);
    free(l->kneg);
    memset(l, 0, sizeof *l);
}

/* Scratch space for all levels, sized for the largest (the first). */
typedef struct work {
    uint32_t *comm;      /* community of each node of the level */
    double *totp, *totn; /* strengths summed over each community */
    uint32_t *size;      /* nodes in each community */
    uint32_t *empty;     /* ids of empty communities, a stack */
    size_t nempty;
    uint32_t *live; /* ids of the non-empty communities, and where each is in that list */
    uint32_t *live_at;
    size_t nlive;
    double *acc; /* weight from the node being moved to each community */
    unsigned char *seen;
    uint32_t *touched; /* the communities acc holds */
    uint32_t *order;   /* nodes sorted by community, for aggregation */
    size_t *start;
    uint32_t *renum;
    uint32_t *map; /* each original node's node at the current level */
} work;

static void work_free(work *w)
{
    free(w->comm);
    free(w->totp);
    free(w->totn);
    free(w->size);
    free(w->empty);
    free(w->live);
    free(w->live_at);
    free(w->acc);
    free(w->seen);
    free(w->touched);
    free(w->order);
    free(w->start);
    free(w->renum);
    free(w->map);
}

static int work_alloc(work *w, size_t n)
{
    memset(w, 0, sizeof *w);
    w->comm = malloc(n * sizeof *w->comm);
    w->totp = malloc(n * sizeof *w->totp);
    w->totn = malloc(n * sizeof *w->totn);
    w->size = malloc(n * sizeof *w->size);
    w->empty = malloc(n * sizeof *w->empty);
    w->live = malloc(n * sizeof *w->live);
    w->live_at = malloc(n * sizeof *w->live_at);
    w->acc = malloc(n * sizeof *w->acc);
    w->seen = calloc(n, 1);
    w->touched = malloc(n * sizeof *w->touched);
    w->order = malloc(n * sizeof *w->order);
    w->start = malloc((n + 1) * sizeof *w->start);
    w->renum = malloc(n * sizeof *w->renum);
    w->map = malloc(n * sizeof *w->map);
    if (!w->comm || !w->totp || !w->totn || !w->size || !w->empty || !w->live || !w->live_at ||
        !w->acc || !w->seen || !w->touched || !w->order || !w->start || !w->renum || !w->map) {
        work_free(w);
        return ENT_ENOMEM;
    }
    return ENT_OK;
}

static void live_add(work *w, uint32_t c)
{
    w->live_at[c] = (uint32_t)w->nlive;
    w->live[w->nlive++] = c;
}

static void live_remove(work *w, uint32_t c)
{
    uint32_t last = w->live[--w->nlive];
    w->live[w->live_at[c]] = last;
    w->live_at[last] = w->live_at[c];
}

/* Puts the level's nodes into the communities init (numbers below n), or one each when
 * init is NULL. */
static void start_communities(const level *l, work *w, const uint32_t *init)
{
    size_t n = l->g.n;
    for (size_t c = 0; c < n; c++) {
        w->totp[c] = w->totn[c] = 0;
        w->size[c] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t c = init ? init[i] : (uint32_t)i;
        w->comm[i] = c;
        w->totp[c] += l->kpos[i];
        w->totn[c] += l->kneg[i];
        w->size[c]++;
    }
    w->nempty = w->nlive = 0;
    for (size_t c = n; c-- > 0;) {
        if (!w->size[c])
            w->empty[w->nempty++] = (uint32_t)c;
    }
    for (size_t c = 0; c < n; c++) {
        if (w->size[c])
            live_add(w, (uint32_t)c);
    }
}

/*
 * Moves the level's nodes between communities until a whole pass moves none. Returns the
 * number of moves.
 *
 * Taking node i out of its community and putting it into community C changes Q by
 *   2 [ k_iC - k+_i T+_C / 2w+ + k-_i T-_C / 2w- ] / (2w+ + 2w-)
 * relative to leaving it alone, with k_iC the net weight from i to C and T+_C, T-_C the
 * summed strengths of C; only the bracket is compared. Unlike ordinary modularity, a
 * community i has no tie to can be the best: when i and C both have negative ties, the null
 * model expects conflict between them and its absence counts for them (two states at odds
 * with the same third are grouped even if they never dealt with each other). So a node with
 * negative ties weighs every community, the others only those they have ties to; a new empty
 * community (the bracket is 0) is always a choice. A node moves only when that beats staying
 * by more than rounding (eps), so every move raises Q and the loop ends; among equally good
 * other communities the lowest id wins.
 */
static size_t local_move(const level *l, work *w, double m2pos, double m2neg)
{
    size_t n = l->g.n, moves = 0;
    double inv_pos = m2pos > 0 ? 1 / m2pos : 0, inv_neg = m2neg > 0 ? 1 / m2neg : 0;
    double top = 0;
    for (size_t i = 0; i < n; i++) {
        if (l->kpos[i] + l->kneg[i] > top)
            top = l->kpos[i] + l->kneg[i];
    }
    double eps = 1e-12 * top;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
        size_t moved = 0;
        /* No community's negative strength exceeds this during the pass (it is raised with
         * every move), which bounds what any community without a tie can offer a node and
         * spares most nodes the scan of all communities. */
        double max_totn = 0;
        for (size_t t = 0; t < w->nlive; t++) {
            if (w->totn[w->live[t]] > max_totn)
                max_totn = w->totn[w->live[t]];
        }
        for (size_t i = 0; i < n; i++) {
            uint32_t cur = w->comm[i];
            size_t nt = 0;
            for (size_t k = l->g.off[i]; k < l->g.off[i + 1]; k++) {
                uint32_t c = w->comm[l->g.nbr[k]];
                if (!w->seen[c]) {
                    w->seen[c] = 1;
                    w->acc[c] = 0;
                    w->touched[nt++] = c;
                }
                w->acc[c] += l->g.w[k];
            }
            double kp = l->kpos[i] * inv_pos, kn = l->kneg[i] * inv_neg;
            w->totp[cur] -= l->kpos[i];
            w->totn[cur] -= l->kneg[i];
            w->size[cur]--;
            uint32_t best = cur;
            double best_gain =
                (w->seen[cur] ? w->acc[cur] : 0) - kp * w->totp[cur] + kn * w->totn[cur];
            for (size_t t = 0; t < nt; t++) {
                uint32_t c = w->touched[t];
                if (c == cur)
                    continue;
                double gain = w->acc[c] - kp * w->totp[c] + kn * w->totn[c];
                if (gain > best_gain + eps || (best != cur && gain > best_gain - eps && c < best)) {
                    best = c;
                    best_gain = gain;
                }
            }
            if (kn > 0 && kn * max_totn > best_gain - eps) {
                for (size_t t = 0; t < w->nlive; t++) {
                    uint32_t c = w->live[t];
                    if (c == cur || w->seen[c])
                        continue;
                    double gain = kn * w->totn[c] - kp * w->totp[c];
                    if (gain > best_gain + eps ||
                        (best != cur && gain > best_gain - eps && c < best)) {
                        best = c;
                        best_gain = gain;
                    }
                }
            }
            for (size_t t = 0; t < nt; t++)
                w->seen[w->touched[t]] = 0;
            /* An emptied community already is "alone". */
            if (w->size[cur] > 0 && best_gain < -eps) {
                best = w->empty[--w->nempty];
                live_add(w, best);
            }
            w->comm[i] = best;
            w->totp[best] += l->kpos[i];
            w->totn[best] += l->kneg[i];
            w->size[best]++;
            if (w->totn[best] > max_totn)
                max_totn = w->totn[best];
            if (best != cur) {
                moved++;
                if (w->size[cur] == 0) {
                    live_remove(w, cur);
                    w->empty[w->nempty++] = cur;
                }
            }
        }
        moves += moved;
        if (!moved)
            break;
    }
    return moves;
}

/* Renumbers w->comm (of n nodes) 0.. in the order of each community's lowest node; returns
 * the number of communities. */
static size_t renumber(work *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        w->renum[i] = UINT32_MAX;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = w->comm[i];
        if (w->renum[c] == UINT32_MAX)
            w->renum[c] = (uint32_t)k++;
        w->comm[i] = w->renum[c];
    }
    return k;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The level above l, whose k nodes are the communities w->comm (numbered 0..k-1). */
static int aggregate(level *out, const level *l, size_t k, work *w)
{
    size_t n = l->g.n, arcs = l->g.off[n];
    memset(out, 0, sizeof *out);
    out->owns_g = 1;
    out->g.n = k;
    out->g.off = malloc((k + 1) * sizeof *out->g.off);
    out->g.nbr = malloc((arcs ? arcs : 1) * sizeof *out->g.nbr);
    out->g.w = malloc((arcs ? arcs : 1) * sizeof *out->g.w);
    out->kpos = calloc(k, sizeof *out->kpos);
    out->kneg = calloc(k, sizeof *out->kneg);
    if (!out->g.off || !out->g.nbr || !out->g.w || !out->kpos || !out->kneg) {
        level_free(out);
        return ENT_ENOMEM;
    }
    memset(w->start, 0, (k + 1) * sizeof *w->start);
    for (size_t i = 0; i < n; i++)
        w->start[w->comm[i] + 1]++;
    for (size_t c = 0; c < k; c++)
        w->start[c + 1] += w->start[c];
    for (size_t i = 0; i < n; i++)
        w->order[w->start[w->comm[i]]++] = (uint32_t)i;
    /* start[c] now ends community c; members are in increasing order. */
    size_t na = 0, from = 0;
    for (size_t c = 0; c < k; c++) {
        out->g.off[c] = na;
        size_t nt = 0;
        for (size_t m = from; m < w->start[c]; m++) {
            uint32_t i = w->order[m];
            out->kpos[c] += l->kpos[i];
            out->kneg[c] += l->kneg[i];
            for (size_t a = l->g.off[i]; a < l->g.off[i + 1]; a++) {
                uint32_t d = w->comm[l->g.nbr[a]];
                if (d == c)
                    continue;
                if (!w->seen[d]) {
                    w->seen[d] = 1;
                    w->acc[d] = 0;
                    w->touched[nt++] = d;
                }
                w->acc[d] += l->g.w[a];
            }
        }
        from = w->start[c];
        qsort(w->touched, nt, sizeof *w->touched, cmp_u32);
        for (size_t t = 0; t < nt; t++) {
            uint32_t d = w->touched[t];
            w->seen[d] = 0;
            /* A pair of communities whose ties cancel still counts as linked: that only
             * makes the pair a candidate, and a zero weight changes no gain. */
            out->g.nbr[na] = d;
            out->g.w[na++] = w->acc[d];
        }
    }
    out->g.off[k] = na;
    return ENT_OK;
}

/*
 * Louvain on the adjacency c, writing each node's community into bloc. One round is the
 * method as published: local moves from one node per community, then aggregation, up to the
 * level where nothing moves. Moves at a high level shift whole groups, which can leave single
 * nodes better off elsewhere, so further rounds start again at the bottom from the partition
 * found (the multilevel refinement of Rotta and Noack, "Multilevel local search algorithms
 * for modularity clustering", 2011, in its simplest form) until a round moves nothing. Q
 * rises with every move, so this ends; the round cap is a guard.
 */
#define MAX_ROUNDS 100

static int louvain(uint32_t *bloc, const csr *c)
{
    size_t n = c->n;
    level base = {*c, 0, malloc(n * sizeof(double)), malloc(n * sizeof(double))};
    work w;
    if (!base.kpos || !base.kneg || work_alloc(&w, n)) {
        level_free(&base);
        return ENT_ENOMEM;
    }
    double m2pos, m2neg;
    strengths(base.kpos, base.kneg, &m2pos, &m2neg, c);
    for (size_t i = 0; i < n; i++)
        bloc[i] = (uint32_t)i;
    int rc = ENT_OK;
    for (int round = 0; round < MAX_ROUNDS && m2pos + m2neg > 0 && rc == ENT_OK; round++) {
        level l = base;
        size_t moves = 0;
        for (size_t i = 0; i < n; i++)
            w.map[i] = (uint32_t)i;
        start_communities(&l, &w, round ? bloc : NULL);
        for (;;) {
            size_t moved = local_move(&l, &w, m2pos, m2neg);
            moves += moved;
            size_t k = renumber(&w, l.g.n);
            for (size_t i = 0; i < n; i++)
                w.map[i] = w.comm[w.map[i]];
            if (k == l.g.n || (!moved && l.owns_g))
                break;
            level up;
            if ((rc = aggregate(&up, &l, k, &w)))
                break;
            if (l.owns_g)
                level_free(&l);
            l = up;
            start_communities(&l, &w, NULL);
        }
        if (l.owns_g)
            level_free(&l);
        if (rc || !moves)
            break;
        memcpy(bloc, w.map, n * sizeof *bloc);
    }
    level_free(&base);
    work_free(&w);
    return rc;
}

int ent_signed_graph_blocs(uint32_t *bloc, size_t *nblocs, double *modularity,
                           const ent_signed_graph *g)
{
    size_t n = g->n;
    if (nblocs)
        *nblocs = 0;
    if (modularity)
        *modularity = 0;
    if (!n)
        return ENT_OK;
    if (!bloc)
        return ENT_EINVAL;
    csr c;
    if (csr_build(&c, g))
        return ENT_ENOMEM;
    double *scratch = malloc(4 * n * sizeof *scratch);
    uint32_t *renum = malloc(n * sizeof *renum);
    int rc = scratch && renum ? louvain(bloc, &c) : ENT_ENOMEM;
    if (rc == ENT_OK) {
        /* Levels already number communities by lowest member; this makes it a contract. */
        for (size_t i = 0; i < n; i++)
            renum[i] = UINT32_MAX;
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (renum[bloc[i]] == UINT32_MAX)
                renum[bloc[i]] = (uint32_t)k++;
            bloc[i] = renum[bloc[i]];
        }
        if (nblocs)
            *nblocs = k;
        if (modularity)
            *modularity =
                modularity_of(&c, bloc, scratch, scratch + n, scratch + 2 * n, scratch + 3 * n);
    }
    free(scratch);
    free(renum);
    csr_free(&c);
    return rc;
}

/* ------------------------------------------------------------------ frustration ---- */

int ent_signed_graph_frustration(double *out, const ent_signed_graph *g, const uint32_t *bloc)
{
    double f = 0;
    for (size_t e = 0; e < g->nties; e++) {
        const tie *t = &g->ties[e];
        int same = bloc[t->a] == bloc[t->b];
        if ((same && t->w < 0) || (!same && t->w > 0))
            f += fabs(t->w);
    }
    *out = f;
    return ENT_OK;
}

/* --------------------------------------------------------------------- balance ---- */

int ent_signed_graph_balance(ent_balance *out, const ent_signed_graph *g)
{
    memset(out, 0, sizeof *out);
    if (!g->nonzero)
        return ENT_OK;
    csr c;
    if (csr_build(&c, g))
        return ENT_ENOMEM;
    signed char *mark = calloc(g->n, 1);
    if (!mark) {
        csr_free(&c);
        return ENT_ENOMEM;
    }
    /* Each triangle u < v < x is found once: from u, through v, closing at x. Neighbour lists
     * are sorted, so the higher neighbours are a suffix of each list. */
    for (size_t u = 0; u < c.n; u++) {
        size_t lo = c.off[u];
        for (size_t p = c.off[u + 1]; p-- > lo && c.nbr[p] > u;)
            mark[c.nbr[p]] = c.w[p] > 0 ? 1 : -1;
        for (size_t p = c.off[u + 1]; p-- > lo && c.nbr[p] > u;) {
            uint32_t v = c.nbr[p];
            int suv = c.w[p] > 0 ? 1 : -1;
            for (size_t q = c.off[v + 1]; q-- > c.off[v] && c.nbr[q] > v;) {
                int sux = mark[c.nbr[q]];
                if (!sux)
                    continue;
                int svx = c.w[q] > 0 ? 1 : -1;
                int neg = (suv < 0) + (sux < 0) + (svx < 0);
                out->triangles++;
                out->by_negative[neg]++;
                if (neg % 2)
                    out->unbalanced++;
                else
                    out->balanced++;
            }
        }
        for (size_t p = c.off[u + 1]; p-- > lo && c.nbr[p] > u;)
            mark[c.nbr[p]] = 0;
    }
    free(mark);
    csr_free(&c);
    return ENT_OK;
}

static int sign_of(double x)
{
    return (x > 0) - (x < 0);
}

void ent_triad_classify(ent_triad *out, int sign_ab, int sign_bc, int sign_ca)
{
    out->sign_ab = (sign_ab > 0) - (sign_ab < 0);
    out->sign_bc = (sign_bc > 0) - (sign_bc < 0);
    out->sign_ca = (sign_ca > 0) - (sign_ca < 0);
    out->pivot = -1;
    if (!out->sign_ab || !out->sign_bc || !out->sign_ca) {
        out->balance = 0;
        out->kind = ENT_TRIAD_OPEN;
        return;
    }
    int neg = (out->sign_ab < 0) + (out->sign_bc < 0) + (out->sign_ca < 0);
    static const ent_triad_kind kinds[4] = {ENT_TRIAD_FRIENDS, ENT_TRIAD_FRIEND_ENEMY,
                                            ENT_TRIAD_COMMON_ENEMY, ENT_TRIAD_ENEMIES};
    out->kind = kinds[neg];
    out->balance = neg % 2 ? -1 : 1;
    if (neg == 1 || neg == 2) {
        /* The pattern turns on the node facing the odd tie out: the one negative tie (the
         * two enemies) or the one positive tie (the two friends). */
        int odd = neg == 1 ? -1 : 1;
        if (out->sign_ab == odd)
            out->pivot = 2;
        else if (out->sign_bc == odd)
            out->pivot = 0;
        else
            out->pivot = 1;
    }
}

int ent_signed_graph_triad(ent_triad *out, const ent_signed_graph *g, uint32_t a, uint32_t b,
                           uint32_t c)
{
    if (a >= g->n || b >= g->n || c >= g->n || a == b || b == c || a == c)
        return ENT_EINVAL;
    ent_triad_classify(out, sign_of(ent_signed_graph_weight(g, a, b)),
                       sign_of(ent_signed_graph_weight(g, b, c)),
                       sign_of(ent_signed_graph_weight(g, c, a)));
    return ENT_OK;
}

const char *ent_triad_phrase(ent_triad_kind kind)
{
    switch (kind) {
    case ENT_TRIAD_FRIENDS:
        return "the friend of my friend is my friend";
    case ENT_TRIAD_COMMON_ENEMY:
        return "the enemy of my enemy is my friend";
    case ENT_TRIAD_FRIEND_ENEMY:
        return "the friend of my friend is my enemy";
    case ENT_TRIAD_ENEMIES:
        return "the enemy of my enemy is my enemy";
    case ENT_TRIAD_OPEN:
        break;
    }
    return "";
}

/* ------------------------------------------------------------------- alignment ---- */

/* The sum of squared weights from x to nodes other than skip. */
static double norm2_without(const ent_signed_graph *g, uint32_t x, uint32_t skip)
{
    double s = 0;
    const incidence *in = &g->at[x];
    for (size_t k = 0; k < in->count; k++) {
        const tie *t = &g->ties[in->ties[k]];
        if (t->a != skip && t->b != skip)
            s += t->w * t->w;
    }
    return s;
}

int ent_signed_graph_alignment(double *out, const ent_signed_graph *g, uint32_t a, uint32_t b)
{
    *out = 0;
    if (a >= g->n || b >= g->n)
        return ENT_EINVAL;
    if (a == b) {
        *out = norm2_without(g, a, UINT32_MAX) > 0;
        return ENT_OK;
    }
    double na = norm2_without(g, a, b), nb = norm2_without(g, b, a);
    if (na == 0 || nb == 0)
        return ENT_OK;
    double dot = 0;
    const incidence *in = &g->at[a];
    for (size_t k = 0; k < in->count; k++) {
        const tie *t = &g->ties[in->ties[k]];
        uint32_t other = t->a == a ? t->b : t->a;
        if (other != b && t->w != 0)
            dot += t->w * ent_signed_graph_weight(g, b, other);
    }
    double r = dot / (sqrt(na) * sqrt(nb));
    *out = r > 1 ? 1 : r < -1 ? -1 : r;
    return ENT_OK;
}
