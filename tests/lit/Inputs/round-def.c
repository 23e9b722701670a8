/* Defines what only a unit linked after it calls (lazy-rounds.test). */
int round_helper(int x)
{
	return x * 7 + 1;
}
