// Every page reads form input the same way (choices, numbers, times): see FormInput.
global using static Probation.Web.Infrastructure.FormInput;
