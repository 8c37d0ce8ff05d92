using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Probation.Web.Infrastructure;

/// <summary>
/// A page answers only the methods it has a handler for. Without this, a form posted to a page that only shows
/// something (no <c>OnPost</c>) would draw that page without the data its <c>OnGet</c> loads: an empty page at best,
/// a server error at worst. Such a request is answered 405 instead, and nothing runs.
/// </summary>
public sealed class PageMethodFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.HttpContext.Response.Headers.Allow = "GET, HEAD";
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            return Task.CompletedTask;
        }

        return next();
    }
}
