/* Preloaded (LD_PRELOAD) into the commands of the docs' transcripts: while PROPDESK_FROZEN_CLOCK
 * holds a number of seconds since the epoch, the wall clock (clock_gettime of CLOCK_REALTIME,
 * gettimeofday, time) reads that instant, so a page can show the output of a session recorded on a
 * given day, times, ticket codes and journal hashes included, and the test reproduces it exactly.
 * The other clocks (CLOCK_MONOTONIC: timeouts, waits) run as usual. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

typedef int (*clock_gettime_fn)(clockid_t, struct timespec*);
static clock_gettime_fn real_clock_gettime;

__attribute__((constructor)) static void find_real_clock(void) {
  void* symbol = dlsym(RTLD_NEXT, "clock_gettime");
  memcpy(&real_clock_gettime, &symbol,
         sizeof symbol); /* object to function pointer, as POSIX allows */
}

/* The frozen instant, or -1 when PROPDESK_FROZEN_CLOCK is not set. */
static time_t frozen_instant(void) {
  const char* text = getenv("PROPDESK_FROZEN_CLOCK");
  return text && *text ? (time_t)strtoll(text, NULL, 10) : (time_t)-1;
}

int clock_gettime(clockid_t id, struct timespec* ts) {
  const time_t frozen = frozen_instant();
  if (frozen != (time_t)-1 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) {
    ts->tv_sec = frozen;
    ts->tv_nsec = 0;
    return 0;
  }
  if (!real_clock_gettime) find_real_clock();
  return real_clock_gettime(id, ts);
}

int gettimeofday(struct timeval* restrict tv, void* restrict tz) {
  struct timespec ts;
  (void)tz;
  clock_gettime(CLOCK_REALTIME, &ts);
  tv->tv_sec = ts.tv_sec;
  tv->tv_usec = ts.tv_nsec / 1000;
  return 0;
}

time_t time(time_t* out) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if (out) *out = ts.tv_sec;
  return ts.tv_sec;
}
