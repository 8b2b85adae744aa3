/* sys/syscall.h for the Windows build: no Linux system calls (SYS_openat2 stays undefined). */
