/* wake.c - waking the sleeping frame loop: SDL user events from any thread, and the process's
 * signals taken on a thread of their own (wake.h). */
#include "board/wake.h"

#include <SDL.h>
#include <pthread.h>
#include <signal.h>
#ifdef _WIN32
#include <windows.h>
#endif

static volatile sig_atomic_t sig_quit, sig_reload, sig_thread_end;
static Uint32 wake_event = (Uint32)-1;
static pthread_once_t wake_once = PTHREAD_ONCE_INIT;
#ifndef _WIN32
static pthread_t sig_thread;
static bool sig_thread_running;
#endif

static void register_wake(void)
{
    wake_event = SDL_RegisterEvents(1);
}

void wake_post(void *unused)
{
    (void)unused;
    pthread_once(&wake_once, register_wake);
    SDL_Event ev = {.type = wake_event};
    if (wake_event != (Uint32)-1)
        SDL_PushEvent(&ev);
}

#ifdef _WIN32
/* Windows: Ctrl+C, Ctrl+Break and closing the console window quit (no SIGHUP to reload). */
static BOOL WINAPI console_event(DWORD type)
{
    (void)type;
    sig_quit = 1;
    wake_post(NULL);
    return TRUE;
}

void wake_block_signals(void) {}

bool wake_start_signals(void)
{
    pthread_once(&wake_once, register_wake);
    return SetConsoleCtrlHandler(console_event, TRUE) != 0;
}

void wake_stop_signals(void)
{
    SetConsoleCtrlHandler(console_event, FALSE);
}
#else
static sigset_t loop_signals(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    return set;
}

void wake_block_signals(void)
{
    sigset_t set = loop_signals();
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void *signal_thread(void *arg)
{
    (void)arg;
    sigset_t set = loop_signals();
    for (;;) {
        int sig;
        if (sigwait(&set, &sig) != 0)
            continue;
        if (sig_thread_end) /* wake_stop_signals() sent this one to stop us */
            break;
        if (sig == SIGHUP)
            sig_reload = 1;
        else
            sig_quit = 1;
        wake_post(NULL);
    }
    return NULL;
}

bool wake_start_signals(void)
{
    pthread_once(&wake_once, register_wake);
    sig_thread_end = 0;
    sig_thread_running = pthread_create(&sig_thread, NULL, signal_thread, NULL) == 0;
    return sig_thread_running;
}

void wake_stop_signals(void)
{
    if (!sig_thread_running)
        return;
    sig_thread_end = 1;
    pthread_kill(sig_thread, SIGTERM);
    pthread_join(sig_thread, NULL);
    sig_thread_running = false;
}

#endif

bool wake_quit_requested(void)
{
    return sig_quit;
}

bool wake_take_reload(void)
{
    if (!sig_reload)
        return false;
    sig_reload = 0;
    return true;
}
