/*
 * entente network — the signed network of many states, behind the "global implications" and
 * "third party" sections of `entente report A B`: which blocs the states fall into, how
 * balanced their relations are, and how alike two states' alignments are.
 *
 * The graph is undirected and weighted with signs: the weight of a pair is what the caller
 * adds for it (in entente, the summed Goldstein scores of the events between two states), so
 * a positive weight is cooperation, a negative one conflict, and a pair whose additions sum
 * to exactly zero has no tie. Nodes are 0..n-1; the caller keeps their names. Everything
 * below is a pure function of the graph. Blocs, modularity and triangle counts depend only on
 * the ties, not on the order they were added in; frustration and alignment add up weights in
 * that order, so their last bits can (as can a tie's own weight when it was added to more
 * than once).
 *
 * Methods
 *   Blocs.  Communities that maximise the signed modularity of Gómez, Jensen and Arenas
 *           ("Analysis of community structure in networks of correlated data", Physical
 *           Review E 80, 2009). Ordinary modularity rewards positive weight inside a
 *           community beyond what a random graph with the same node strengths would put
 *           there; the signed version scores the positive part of the graph that way and
 *           the negative part the opposite way (negative weight inside a community costs,
 *           less of it than expected is a gain), and mixes the two in proportion to their
 *           total weights: Q = (2w+ Q+ - 2w- Q-) / (2w+ + 2w-). Without negative ties it is
 *           the modularity of Newman and Girvan. The search is the Louvain method of
 *           Blondel, Guillaume, Lambiotte and Lefebvre ("Fast unfolding of communities in
 *           large networks", Journal of Statistical Mechanics, 2008): nodes move one at a
 *           time to the community that raises Q most, until no move helps; the communities
 *           then become the nodes of a smaller graph and the moves start again, until
 *           nothing changes. The whole is then repeated from the partition found, starting
 *           again with single nodes, until a round moves nothing (the simplest form of the
 *           multilevel refinement of Rotta and Noack, "Multilevel local search algorithms
 *           for modularity clustering", 2011), so no single node could raise Q (beyond
 *           rounding) by changing bloc. A node weighs the communities it has ties to and a
 *           new one of its own; a node with negative ties weighs every community, because
 *           the signed null model expects conflict between any two nodes that have enemies,
 *           and its absence counts for putting them together: states at odds with the same
 *           third party can share a bloc without a tie between them. Nodes are visited in
 *           id order and ties go to the lowest community id, so the result is reproducible;
 *           Q is computed afresh on the original graph. Louvain finds a good partition, not
 *           always the best one.
 *   Balance. Heider's balance ("Attitudes and cognitive organization", 1946), put in graph
 *           terms by Cartwright and Harary ("Structural balance: a generalization of
 *           Heider's theory", 1956): a triangle of ties is balanced when the product of its
 *           signs is positive (+ + +: friends of friends are friends; + - -: the enemy of my
 *           enemy is my friend) and unbalanced when it is negative (+ + -: the friend of my
 *           friend is my enemy; - - -: three mutual enemies, which Davis, "Clustering and
 *           structural balance in graphs", 1967, still counts as weakly balanced).
 *   Frustration. For a given partition, the weight that disagrees with it: negative ties
 *           inside blocs and positive ties between them, as in the partitioning approach to
 *           balance of Doreian and Mrvar ("A partitioning approach to structural balance",
 *           Social Networks, 1996). A perfectly balanced graph has a partition of
 *           frustration 0.
 *   Alignment. The cosine of two states' signed weight vectors over all other states (the
 *           tie between the two themselves left out): 1 when they cooperate with and fight
 *           the same states in the same proportions, -1 when each befriends the other's
 *           enemies, 0 when they share no partner.
 */
#ifndef ENTENTE_NETWORK_H
#define ENTENTE_NETWORK_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_signed_graph ent_signed_graph;

/*
 * A graph of n nodes (0..n-1, n may be 0; at most UINT32_MAX - 1) and no ties.
 * Returns ENT_OK, ENT_EINVAL (n too large) or ENT_ENOMEM. Caller frees with
 * ent_signed_graph_destroy().
 */
ENT_API int ent_signed_graph_create(ent_signed_graph **out, size_t n);
ENT_API void ent_signed_graph_destroy(ent_signed_graph *g);

/*
 * Adds weight to the tie between a and b (a–b and b–a are the same tie). Self ties (a == b)
 * are ignored and return ENT_OK. Returns ENT_EINVAL when a or b is not a node or weight is
 * not finite, ENT_ENOMEM when out of memory (the graph is then unchanged).
 */
ENT_API int ent_signed_graph_add(ent_signed_graph *g, uint32_t a, uint32_t b, double weight);

/* Nodes, and ties of non-zero weight. */
ENT_API size_t ent_signed_graph_nodes(const ent_signed_graph *g);
ENT_API size_t ent_signed_graph_ties(const ent_signed_graph *g);

/* The weight of the tie between a and b: 0 when there is none, when a == b, or when either
 * is not a node. */
ENT_API double ent_signed_graph_weight(const ent_signed_graph *g, uint32_t a, uint32_t b);

/*
 * Blocs by signed modularity (see above). Writes each node's bloc into bloc[0..n-1] (bloc
 * may be NULL when n is 0), numbered 0, 1, ... in the order of their lowest member, so node
 * 0 is always in bloc 0. A node with no ties is a bloc of its own. nblocs and modularity
 * (the Q of that partition, 0 for a graph without ties) may be NULL.
 * Returns ENT_OK, ENT_EINVAL (bloc NULL with n > 0) or ENT_ENOMEM.
 */
ENT_API int ent_signed_graph_blocs(uint32_t *bloc, size_t *nblocs, double *modularity,
                                   const ent_signed_graph *g);

/*
 * The signed modularity of any partition: bloc[i] is node i's bloc, a number below n.
 * 0 for a graph without ties. Returns ENT_OK, ENT_EINVAL (a bloc number >= n) or ENT_ENOMEM.
 */
ENT_API int ent_signed_graph_modularity(double *out, const ent_signed_graph *g,
                                        const uint32_t *bloc);

/*
 * The frustration of a partition: the sum of |weight| over negative ties inside blocs and
 * positive ties between blocs. bloc[i] is node i's bloc, any number (only equality counts).
 * Returns ENT_OK.
 */
ENT_API int ent_signed_graph_frustration(double *out, const ent_signed_graph *g,
                                         const uint32_t *bloc);

/* Triangles of the graph (three ties of non-zero weight) by balance. */
typedef struct ent_balance {
    uint64_t triangles;
    uint64_t balanced;       /* sign product positive: + + + and + - - */
    uint64_t unbalanced;     /* sign product negative: + + - and - - - */
    uint64_t by_negative[4]; /* triangles with 0, 1, 2 and 3 negative ties */
} ent_balance;

/* Counts every triangle once. Returns ENT_OK or ENT_ENOMEM. */
ENT_API int ent_signed_graph_balance(ent_balance *out, const ent_signed_graph *g);

typedef enum ent_triad_kind {
    ENT_TRIAD_OPEN = 0,     /* a tie is missing: no balance to speak of */
    ENT_TRIAD_FRIENDS,      /* + + +  balanced */
    ENT_TRIAD_COMMON_ENEMY, /* + - -  balanced: two friends and their common enemy */
    ENT_TRIAD_FRIEND_ENEMY, /* + + -  unbalanced: one node is friends with two enemies */
    ENT_TRIAD_ENEMIES       /* - - -  unbalanced (weakly balanced after Davis) */
} ent_triad_kind;

/* One triad a, b, c. */
typedef struct ent_triad {
    int sign_ab, sign_bc, sign_ca; /* +1, -1, or 0 when there is no tie */
    int balance;                   /* +1 balanced, -1 unbalanced, 0 open */
    ent_triad_kind kind;
    int pivot; /* the node the pattern turns on, 0 = a, 1 = b, 2 = c: for FRIEND_ENEMY the
                  friend of both enemies, for COMMON_ENEMY the common enemy; else -1 */
} ent_triad;

/* Classifies three tie signs (each taken as its sign: > 0, < 0 or 0). */
ENT_API void ent_triad_classify(ent_triad *out, int sign_ab, int sign_bc, int sign_ca);

/* The triad of nodes a, b, c of the graph. Returns ENT_OK, or ENT_EINVAL when one is not a
 * node or two are the same. */
ENT_API int ent_signed_graph_triad(ent_triad *out, const ent_signed_graph *g, uint32_t a,
                                   uint32_t b, uint32_t c);

/* A static phrase for a kind, e.g. "the friend of my friend is my enemy" ("" for OPEN and
 * unknown values). */
ENT_API const char *ent_triad_phrase(ent_triad_kind kind);

/*
 * The alignment of a and b: the cosine similarity of their tie weights to every other node
 * (the a–b tie left out), in [-1, 1]; 0 when either has no tie to another node. a == b gives
 * 1 (0 without ties). Returns ENT_OK, or ENT_EINVAL when a or b is not a node.
 */
ENT_API int ent_signed_graph_alignment(double *out, const ent_signed_graph *g, uint32_t a,
                                       uint32_t b);

#ifdef __cplusplus
}
#endif
#endif
