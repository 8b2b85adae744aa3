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
#define RUSAGE_SELF 0
struct rusage {
    long ru_maxrss; /* not measured on Windows: 0 */
};
static inline int getrusage(int who, struct rusage *ru)
{
    (void)who;
    ru->ru_maxrss = 0;
    return 0;
}
#endif
