int helper(int x) { return x + 1; }
int unused_helper(int x) { return x * 3; }
