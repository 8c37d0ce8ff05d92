namespace Probation.Domain.Common;

public enum Gender
{
    Male,
    Female,
    NonBinary,
    NotStated,
}
