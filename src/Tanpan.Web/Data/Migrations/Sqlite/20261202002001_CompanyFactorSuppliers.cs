using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CompanyFactorSuppliers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ReferenceFrom",
                table: "CustomFactors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReferenceTo",
                table: "CustomFactors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Supplier",
                table: "CustomFactors",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReferenceFrom",
                table: "CustomFactors");

            migrationBuilder.DropColumn(
                name: "ReferenceTo",
                table: "CustomFactors");

            migrationBuilder.DropColumn(
                name: "Supplier",
                table: "CustomFactors");
        }
    }
}
