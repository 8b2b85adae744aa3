/* sys/resource.h for the Windows build: thread priorities are left to Windows. */
#ifndef HB_WIN_SYS_RESOURCE_H
#define HB_WIN_SYS_RESOURCE_H
#define PRIO_PROCESS 0
typedef unsigned long id_t;
static inline int setpriority(int which, id_t who, int prio)
{
    (void)which, (void)who, (void)prio;
    return 0;
}
#endif
