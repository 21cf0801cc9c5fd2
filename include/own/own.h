/* own/own.h: everything libown offers — the heap, the stack of frames and owned blocks. */
#ifndef OWN_OWN_H
#define OWN_OWN_H

#include <own/heap.h>
#include <own/report.h>
#include <own/stack.h>
#include <own/owner.h>

#endif
