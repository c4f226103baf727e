#pragma once
// Linux process and memory controls that Swift cannot call directly: prctl is variadic, and
// MAP_FAILED and struct rlimit are awkward from Swift. Header only; libc provides the rest.
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/// RLIMIT_CORE to 0 (soft and hard): the kernel writes no core file. 0 on success.
static inline int tb_disable_core_dumps(void) {
  struct rlimit none = {0, 0};
  return setrlimit(RLIMIT_CORE, &none);
}

/// PR_SET_DUMPABLE 0: no core dump, and /proc/PID/mem and ptrace closed to other processes of
/// the same user. 0 on success.
static inline int tb_set_not_dumpable(void) {
  return prctl(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
}

/// PR_GET_DUMPABLE: 1 when dumpable, 0 when not.
static inline int tb_is_dumpable(void) {
  return prctl(PR_GET_DUMPABLE, 0L, 0L, 0L, 0L);
}

/// Fresh private anonymous pages (zero-filled); NULL when the kernel refuses.
static inline void *tb_map_pages(size_t length) {
  void *pages = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return pages == MAP_FAILED ? NULL : pages;
}
