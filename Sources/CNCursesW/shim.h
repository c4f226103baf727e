#pragma once
// SwiftPM drops -D_XOPEN_SOURCE from ncursesw.pc, so ask for the wide API explicitly.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift sees neither function-like macros nor, in Swift 6 mode, mutable C globals:
// every such access goes through a static inline function.
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline void cnc_screen_size(int *rows, int *cols) { getmaxyx(stdscr, *rows, *cols); }
static inline attr_t cnc_attr_bold(void) { return A_BOLD; }
static inline attr_t cnc_attr_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_attr_dim(void) { return A_DIM; }
static inline attr_t cnc_attr_underline(void) { return A_UNDERLINE; }
static inline int cnc_colors(void) { return COLORS; }
