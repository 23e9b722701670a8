/* The strong definition that overrides the weak default. */
__attribute__((noinline)) int config(void)
{
	return 2;
}
