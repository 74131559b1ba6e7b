/* An LD_PRELOAD module for the durable benchmarks: every fsync() and fdatasync() first sleeps
 * PROPDESK_FSYNC_DELAY_US microseconds (default 300), then syncs. On a tmpfs, where a sync costs
 * nothing, it stands in for a disk with that flush latency (a fast NVMe drive with power-loss
 * protection: 0.05-0.3 ms), so that lifecycle_bench can be run at a known, steady fsync latency
 * instead of a shared virtual disk's drifting one:
 *
 *   TMPDIR=/dev/shm PROPDESK_FSYNC_DELAY_US=300 \
 *     LD_PRELOAD=build-bench/bench/libfsync_delay.so build-bench/bench/lifecycle_bench
 *
 * Nothing else is changed. A benchmark aid only; never linked into propdesk. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

static void fsync_delay(void) {
  const char* text = getenv("PROPDESK_FSYNC_DELAY_US");
  const long us = text != NULL ? atol(text) : 300;
  if (us <= 0) return;
  struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

int fdatasync(int fd) {
  static int (*real)(int) = NULL;
  if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  fsync_delay();
  return real(fd);
}

int fsync(int fd) {
  static int (*real)(int) = NULL;
  if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  fsync_delay();
  return real(fd);
}
