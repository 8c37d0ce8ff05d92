namespace Probation.Web.GovUk;

/// <summary>What the <c>_Pagination</c> partial needs: where we are, how many pages, and the address of each page.</summary>
public sealed record Pagination(int Page, int PageCount, string Noun, Func<int, string> Link);
