/* receipts: a plain C program, no libown in sight — the till prints a receipt and frees it, and the
 * end-of-day report frees the last one again. `own run` finds the second free and names both
 * functions on the way to it (examples/run.sh runs it). */
#include <stdio.h>
#include <stdlib.h>

static char *print_receipt(int table, int cents)
{
    char *text = malloc(64);
    if (!text) exit(1);
    snprintf(text, 64, "table %d: %d.%02d", table, cents / 100, cents % 100);
    puts(text);
    return text;
}

static void end_of_day(char *last)
{
    free(last); /* error: the till freed it already */
}

int main(void)
{
    char *receipt = NULL;
    for (int table = 1; table <= 3; table++) {
        receipt = print_receipt(table, 1250 * table);
        free(receipt);
    }
    end_of_day(receipt);
    return 0;
}
