/* layout_chrome.h - what every designed page shares (background, frame and ornaments, header,
 * rules, page number) and a design's text styles in pixels (layout_chrome.c). They are part of
 * the placing kit and declared with it in layout_place.h, so a kind includes one header. */
#ifndef HB_LAYOUT_CHROME_H
#define HB_LAYOUT_CHROME_H

#include "page/layout_place.h"

#endif
