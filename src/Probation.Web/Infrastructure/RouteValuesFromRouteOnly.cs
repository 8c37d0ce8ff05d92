using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Probation.Web.Infrastructure;

/// <summary>
/// A page's route values (the case reference, a record's id) are read from its URL only. By default a handler
/// parameter is bound from the posted form before the route, so a form field named <c>crn</c> or <c>id</c> would take
/// the place of the URL's: a post to one case's page could write to another case, while the URL (and the audit log)
/// named the first. With this, a field of that name is ignored like any other the form does not have.
/// </summary>
public sealed class RouteValuesFromRouteOnly : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var template = model.ActionDescriptor.AttributeRouteInfo?.Template;
        if (string.IsNullOrEmpty(template))
        {
            return;
        }

        var names = RoutePatternFactory.Parse(template).Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in model.HandlerMethods.SelectMany(h => h.Parameters).Where(p => names.Contains(p.ParameterName)))
        {
            parameter.BindingInfo ??= new BindingInfo();
            parameter.BindingInfo.BindingSource = BindingSource.Path;
        }

        foreach (var property in model.HandlerProperties.Where(p => names.Contains(p.PropertyName)))
        {
            property.BindingInfo ??= new BindingInfo();
            property.BindingInfo.BindingSource = BindingSource.Path;
        }
    }
}
