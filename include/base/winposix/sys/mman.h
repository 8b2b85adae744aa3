/* sys/mman.h for the Windows build: a read-only "mapping" is the file read into memory
 * (src/base/compat_win.c). Only what honorboard uses. */
#ifndef HB_WIN_SYS_MMAN_H
#define HB_WIN_SYS_MMAN_H
#include <stddef.h>
#include <sys/types.h>
#define PROT_READ 1
#define MAP_PRIVATE 2
#define MAP_FAILED ((void *)-1)
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
#endif
