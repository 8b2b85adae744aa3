/* linux/openat2.h for the Windows build: empty (util.c opens beneath a folder by hand). */
