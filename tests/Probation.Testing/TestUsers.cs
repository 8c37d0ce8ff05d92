namespace Probation.Testing;

public static class TestUsers
{
    /// <summary>The demo password tests seed with (Development uses the one in the README).</summary>
    public const string Password = "Probation-test-password-1";
}
