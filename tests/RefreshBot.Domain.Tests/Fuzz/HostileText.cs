namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>Hand-made worst cases: deep nesting, huge lines, self-multiplying definitions.</summary>
public static class HostileText
{
    public static string Repeat(string unit, int times) => string.Concat(Enumerable.Repeat(unit, times));

    /// <summary><c>[[[…]]]</c> <paramref name="depth"/> deep (JSON and YAML flow).</summary>
    public static string NestedArrays(int depth) => Repeat("[", depth) + Repeat("]", depth);

    /// <summary><c>{"a":{"a":…}}</c> <paramref name="depth"/> deep.</summary>
    public static string NestedObjects(int depth) => Repeat("{\"a\":", depth) + "1" + Repeat("}", depth);
}
