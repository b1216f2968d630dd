using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Postgres
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
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReferenceTo",
                table: "CustomFactors",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Supplier",
                table: "CustomFactors",
                type: "character varying(200)",
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
