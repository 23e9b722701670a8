unsigned int cmp(unsigned int a, unsigned int b) { return a < b ? a * 3 : b + a; }
