/*
 * bench — `entente ingest` against `entente code`, on real news from ../shared/data
 * (Reuters-21578 and a year of Wikipedia current events), run as a user runs them:
 *
 *   code -j N > /dev/null          the baseline: reading, coding and formatting
 *   ingest -j N --db fresh.sqlite  the same, plus fingerprints, dedup and the SQLite store
 *
 * for N = 1 and every core, best of R runs each (default 3). Prints throughput, the CPU time
 * each command used (user + system, all threads: what the store costs on top of coding), the
 * ingest / code ratio for one job and for all cores (target ≥ 0.80) and the speed-up of all
 * cores over one (target ≥ 1.8 on two).
 *   build/bench_ingest [RUNS]
 */
#include "util/pool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) of the children waited for so far. */
static double children_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Seconds of the best of runs of a shell command, and in *cpu the CPU seconds of that run;
 * -1 when it fails. before runs first, untimed, each time (removing the store). */
static double best_of(int runs, const char *before, const char *cmd, double *cpu)
{
    double best = -1;
    for (int i = 0; i < runs; i++) {
        if (before && system(before) != 0)
            return -1;
        double c0 = children_cpu(), t0 = now();
        int rc = system(cmd);
        double t = now() - t0, c = children_cpu() - c0;
        if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > 1) {
            fprintf(stderr, "bench_ingest: failed: %s\n", cmd);
            return -1;
        }
        if (best < 0 || t < best) {
            best = t;
            *cpu = c;
        }
    }
    return best;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 3;
    if (runs < 1)
        runs = 1;
    const char *inputs[] = {ENT_SHARED_DIR "/data/reuters21578/reuters21578.jsonl.gz",
                            ENT_SHARED_DIR "/data/wikipedia-current-events/"
                                           "wp_current_events_2025-09_2026-08.jsonl.gz"};
    char dir[] = "/tmp/entente-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("bench_ingest: mkdtemp");
        return 1;
    }
    /* Decompress once, so both commands read the same plain bytes. */
    char input[512], cmd[2048], before[1024];
    snprintf(input, sizeof input, "%s/news.jsonl", dir);
    snprintf(cmd, sizeof cmd, "gzip -dc '%s' '%s' > '%s'", inputs[0], inputs[1], input);
    if (system(cmd) != 0) {
        fprintf(stderr, "bench_ingest: cannot read %s (is ../shared there?)\n", inputs[0]);
        return 1;
    }
    struct stat st;
    stat(input, &st);
    double mb = (double)st.st_size / 1e6;
    size_t cores = ent_pool_cpu_count();
    printf("input: Reuters-21578 + Wikipedia current events, %.1f MB, %d run(s) each, %zu "
           "core(s)\n",
           mb, runs, cores);
    printf("%-28s %8s %9s %8s\n", "command", "seconds", "MB/s", "CPU s");
    double code_t[2] = {0, 0}, ingest_t[2] = {0, 0}, code_cpu[2] = {0, 0}, ingest_cpu[2] = {0, 0};
    size_t jobs[2] = {1, cores};
    for (int k = 0; k < 2; k++) {
        snprintf(cmd, sizeof cmd, "'%s' code -q -j %zu '%s' > /dev/null 2>&1", ENT_CLI_PATH,
                 jobs[k], input);
        code_t[k] = best_of(runs, NULL, cmd, &code_cpu[k]);
        snprintf(before, sizeof before, "rm -f '%s'/b.sqlite*", dir);
        snprintf(cmd, sizeof cmd, "'%s' ingest -q -j %zu --db '%s/b.sqlite' '%s' 2>/dev/null",
                 ENT_CLI_PATH, jobs[k], dir, input);
        ingest_t[k] = best_of(runs, before, cmd, &ingest_cpu[k]);
        if (code_t[k] < 0 || ingest_t[k] < 0)
            return 1;
        printf("code -j %-20zu %8.3f %9.1f %8.3f\n", jobs[k], code_t[k], mb / code_t[k],
               code_cpu[k]);
        printf("ingest -j %-18zu %8.3f %9.1f %8.3f\n", jobs[k], ingest_t[k], mb / ingest_t[k],
               ingest_cpu[k]);
    }
    /* With one job the store's writer has a core of its own; with all cores it competes
       with the coders, so there the ratio is what the store costs in CPU. */
    printf("ingest / code throughput: -j 1: %.2f, -j %zu: %.2f (target >= 0.80)\n",
           code_t[0] / ingest_t[0], cores, code_t[1] / ingest_t[1]);
    printf("speed-up of -j %zu over -j 1: code %.2fx, ingest %.2fx (target >= 1.8x on 2 "
           "cores)\n",
           cores, code_t[0] / code_t[1], ingest_t[0] / ingest_t[1]);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
