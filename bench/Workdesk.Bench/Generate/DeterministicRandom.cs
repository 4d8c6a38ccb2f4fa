namespace Workdesk.Bench.Generate;

/// <summary>
/// SplitMix64, a small seeded generator whose output is fixed by its published algorithm. The data
/// set depends only on the seed, not on the .NET version that runs the generator.
/// </summary>
internal sealed class DeterministicRandom(ulong seed)
{
    private ulong state = seed;

    /// <summary>Creates an independent stream for one table, so each table's rows depend only on the seed.</summary>
    public static DeterministicRandom ForStream(long seed, string stream)
    {
        var mixed = unchecked((ulong)seed);
        foreach (var character in stream)
        {
            mixed = unchecked((mixed ^ character) * 0x100000001B3UL);
        }

        return new DeterministicRandom(mixed);
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Returns a number in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns an integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextDouble() * maxExclusive);
    }

    /// <summary>Returns an integer in [minInclusive, maxExclusive).</summary>
    public long NextInt64(long minInclusive, long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxExclusive, minInclusive);
        return minInclusive + (long)(NextDouble() * (maxExclusive - minInclusive));
    }

    /// <summary>Returns true with the given probability.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks an item with probability proportional to its weight.</summary>
    public T PickWeighted<T>(IReadOnlyList<(T Item, double Weight)> choices)
    {
        var total = 0.0;
        foreach (var choice in choices)
        {
            total += choice.Weight;
        }

        var target = NextDouble() * total;
        foreach (var (item, weight) in choices)
        {
            target -= weight;
            if (target < 0)
            {
                return item;
            }
        }

        return choices[^1].Item;
    }
}
