namespace Probation.Application;

/// <summary>One page of a list: the shape the API answers with (<c>items, page, pageSize, total</c>).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int MaxPageSize = 100;

    public static int Clamp(int page, int pageSize, out int size)
    {
        size = Math.Clamp(pageSize, 1, MaxPageSize);
        return Math.Max(1, page);
    }
}
